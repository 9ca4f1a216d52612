"""Whole-pipeline behaviour on short texts: attribution, kind, dates, de-duplication."""

from datetime import date

import pytest

from app.extraction import extract_article

PUBLISHED = date(2025, 3, 13)  # a Thursday


def statements(text: str, published: date | None = PUBLISHED):
    return extract_article(text, published=published).statements


def test_pronoun_attributes_to_previous_subject():
    text = (
        "Russian President Vladimir Putin met Witkoff in Moscow on Thursday.\n\n"
        "He said Kyiv must withdraw its troops from Donetsk."
    )
    [statement] = statements(text)
    assert statement.speaker.name == "Vladimir Putin"
    assert statement.kind.value == "reported"
    assert [(c.condition, c.regions) for c in statement.conditions] == [("territory", ("Donetsk",))]


@pytest.mark.parametrize(("pronoun", "expected"), [("She", "Kaja Kallas"), ("He", "Sergei Lavrov")])
def test_a_pronoun_skips_people_the_gazetteer_knows_to_be_of_the_other_sex(pronoun, expected):
    text = (
        "Kaja Kallas met Sergei Lavrov's deputy after Lavrov spoke in Geneva on Monday.\n\n"
        f"{pronoun} said Russia must withdraw its troops from Ukraine."
    )
    assert [s.speaker.name for s in statements(text)] == [expected]


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        (
            "In a call with Emmanuel Macron on Monday, Vladimir Putin said the talks were useful.",
            "Vladimir Putin",
        ),
        (
            "Emmanuel Macron has often said that talks are useful, Dmitry Peskov said on Monday.",
            "Dmitry Peskov",
        ),
    ],
)
def test_a_pronoun_continues_the_subject_of_the_sentence_before_not_the_first_name(
    opening, expected
):
    text = opening + "\n\nHe added that Kyiv must withdraw its troops from Donetsk."
    found = [s for s in statements(text) if s.conditions[0].condition == "territory"]
    assert [s.speaker.name for s in found] == [expected]


def test_it_is_the_body_the_subject_names_not_the_last_country_named():
    text = (
        "Russia's foreign ministry said on Monday that Kyiv must give up its bid to join NATO. "
        "It added that Western troops in Ukraine would be unacceptable."
    )
    assert {s.speaker.name for s in statements(text)} == {"Russia"}


def test_it_after_a_document_of_no_known_issuer_is_no_country_the_document_named():
    text = (
        "The summit declaration was published on Tuesday. "
        "The declaration says Kyiv must receive security guarantees. "
        "It adds that Russia must pay reparations."
    )
    assert [s.speaker.name for s in statements(text)] == []


@pytest.mark.parametrize(
    "words",
    [
        "A truce now would only let Lukashenko rearm the Russian army, he said on Tuesday.",
        "A truce now, he said on Tuesday, would only let Lukashenko rearm the Russian army.",
    ],
)
def test_a_pronoun_is_not_the_person_named_in_the_words_it_says(words):
    text = "Hungarian Prime Minister Viktor Orban spoke to reporters in Budapest.\n\n" + words
    assert {s.speaker.name for s in statements(text)} == {"Viktor Orban"}


def test_quote_spanning_sentences_is_attributed_to_the_closing_speaker():
    text = "“We will not accept any pause. A truce would let them rearm,” Lavrov said on Tuesday."
    found = statements(text)
    assert {s.speaker.name for s in found} == {"Sergei Lavrov"}
    assert all(s.kind.value == "quote" for s in found)
    assert {s.date for s in found} == {"2025-03-11"}
    conditions = {c.condition for s in found for c in s.conditions}
    assert {"ceasefire", "truce-terms"} <= conditions


def test_weekday_is_resolved_and_recorded_as_relative():
    [statement] = statements("On Monday, Zelensky said Ukraine is ready to negotiate.")
    assert (statement.date, statement.date_basis.value, statement.date_evidence) == (
        "2025-03-10",
        "relative",
        "On Monday",
    )


def test_present_tense_is_dated_by_publication():
    [statement] = statements("Moscow insists that Kyiv must abandon its NATO bid.")
    assert statement.speaker.name == "Russia"
    assert statement.kind.value == "characterization"
    assert (statement.date, statement.date_basis.value) == ("2025-03-13", "publication")


def test_without_publication_relative_dates_stay_unknown():
    [statement] = statements("On Monday, Zelensky said Ukraine is ready to negotiate.", None)
    assert statement.date is None
    assert statement.date_precision.value == "unknown"


def test_reported_speech_keeps_the_reporting_speaker():
    [statement] = statements("Lavrov said that Russia insists on the demilitarization of Ukraine.")
    assert statement.speaker.name == "Sergei Lavrov"
    assert statement.kind.value == "reported"


def test_author_opinion_is_not_a_statement():
    assert statements("The West must provide Ukraine the weapons it needs for a ceasefire.") == []


def test_same_utterance_twice_is_one_statement_with_two_places():
    sentence = "Putin rejected any ceasefire on July 5 in Moscow."
    text = f"{sentence}\n\nKey points:\n\n  • {sentence}"
    [statement] = statements(text)
    assert len(statement.also_at) == 1


def test_commentator_is_a_characterization():
    text = (
        "Former Russian diplomat Anton Petrov told reporters that Putin has no interest in a truce."
    )
    [statement] = statements(text)
    assert (statement.speaker.side, statement.kind.value) == ("commentator", "characterization")


def test_evidence_offsets_point_into_the_original_text():
    text = "Headline words here\n\nOn Monday, Zelensky said Ukraine is ready to negotiate."
    [statement] = statements(text)
    assert text[statement.start : statement.end] == statement.evidence


def test_an_offer_with_conditions_carries_every_listed_term():
    text = (
        "Shoigu spoke on Monday. Sergei Shoigu recalled Moscow's offer of a truce if Ukraine "
        "withdraws its troops from Kherson, drops its bid to join NATO, and accepts "
        "demilitarization."
    )
    found = statements(text)
    conditions = {c.condition for s in found for c in s.conditions}
    assert {"ceasefire", "territory", "nato-non-membership", "demilitarization"} <= conditions


def test_a_question_put_to_the_speaker_is_not_their_condition():
    text = "Asked whether he would lift sanctions, Trump said he wants a ceasefire first."
    [statement] = statements(text)
    assert [c.condition for c in statement.conditions] == ["ceasefire"]


def test_a_position_that_has_held_is_undated():
    [statement] = statements("Russia's demand for neutrality has not changed since 2022.")
    assert statement.date is None
    assert statement.date_precision.value == "unknown"


def test_words_told_to_a_news_outlet_fall_in_the_month_of_publication():
    text = (
        "Trump announced new talks on Thursday. "
        "Former Ukrainian diplomat Olena Hrytsenko told Reuters that Ukraine will never "
        "accept a ceasefire."
    )
    found = [s for s in statements(text) if s.speaker.name == "Olena Hrytsenko"]
    assert [(s.date, s.date_precision.value) for s in found] == [("2025-03", "month")]
    assert [(c.condition, c.stance.value) for c in found[0].conditions] == [("ceasefire", "reject")]


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("When the grain deal collapsed in July, Dmitry Peskov said", ("2024-07", "month")),
        ("Dmitry Peskov said after meeting the envoy on Tuesday", ("2025-03-11", "day")),
    ],
)
def test_a_clause_setting_the_time_of_the_words_dates_them(opening, expected):
    published = PUBLISHED if "July" not in opening else date(2024, 9, 2)
    text = f"{opening} that sanctions must be lifted before any settlement."
    found = statements(text, published)
    assert [(s.date, s.date_precision.value) for s in found] == [expected]


@pytest.mark.parametrize(
    ("later", "expected"),
    [
        ("two days later", "2026-01-08"),
        ("a week later", "2026-01-13"),
        ("the next day", "2026-01-07"),
        # and counted back
        ("a day earlier", "2026-01-05"),
        ("the previous day", "2026-01-05"),
        ("two days before", "2026-01-04"),
    ],
)
def test_a_count_of_days_later_dates_from_the_paragraphs_day(later, expected):
    text = (
        "Leaders met in Paris on January 6 to discuss the war. "
        f"Zakharova said {later} that European troops in Ukraine would be unacceptable."
    )
    found = extract_article(text, published=date(2026, 1, 20)).statements
    assert [(s.speaker.name, s.date) for s in found] == [("Maria Zakharova", expected)]


@pytest.mark.parametrize("same", ["the same day", "later that day"])
def test_the_same_day_is_the_day_the_story_last_named(same):
    text = (
        "Leaders met in Paris on January 6 to discuss the war.\n\n"
        f"Zakharova said {same} that European troops in Ukraine would be unacceptable."
    )
    found = extract_article(text, published=date(2026, 1, 20)).statements
    assert [(s.speaker.name, s.date) for s in found] == [("Maria Zakharova", "2026-01-06")]


def test_a_count_opening_a_paragraph_goes_on_from_the_story_not_the_speakers_last_words():
    text = (
        "Putin spoke to Trump on March 18.\n\n"
        "How we got here: Ukraine accepted a truce in Jeddah on March 11.\n\n"
        "Two days later, speaking in Moscow, Putin said a truce had to remove the root causes "
        "of the conflict."
    )
    found = extract_article(text, published=date(2025, 3, 24)).statements
    assert ("Vladimir Putin", "2025-03-13") in [(s.speaker.name, s.date) for s in found]


def test_counts_of_days_go_on_from_the_day_the_last_count_reached():
    text = (
        "On 2 March, Starmer said Britain was ready to send troops to Ukraine after a deal.\n\n"
        "Nine days later, in Jeddah, the mood changed. Zelensky told reporters that evening "
        "that Kyiv was ready for a ceasefire if Moscow did the same.\n\n"
        "Two days earlier, Lavrov had said Russia would reject any truce.\n\n"
        "The next day, Peskov said talks were possible."
    )
    found = extract_article(text, published=date(2025, 4, 1)).statements
    dates = {s.speaker.name: s.date for s in found}
    # nine days after 2 March; a look back ("two days earlier") does not move the story
    assert dates["Sergei Lavrov"] == "2025-03-09"
    assert dates["Dmitry Peskov"] == "2025-03-12"
    assert "2025-03-11" in {dates.get("Volodymyr Zelensky"), dates.get("Ukraine")}


def test_the_day_before_an_event_named_after_it_is_no_count_of_days():
    text = (
        "Leaders met in Paris on July 24 to discuss the war. On June 14, the day before "
        "the summit opened, Putin said Kyiv must withdraw from four regions."
    )
    found = extract_article(text, published=date(2024, 7, 29)).statements
    assert [(s.speaker.name, s.date) for s in found] == [("Vladimir Putin", "2024-06-14")]


def test_a_lead_sentence_is_dated_by_the_next_report_of_the_same_speaker():
    text = (
        "Dmitry Peskov rejected any ceasefire that would let Kyiv rearm.\n\n"
        "Peskov told reporters on Thursday that a truce would only help Ukraine regroup."
    )
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert {s.date for s in found} == {"2025-03-13"}


def test_transcript_answers_are_dated_by_the_encounter_not_an_earlier_quote():
    text = (
        "An interview with Viktor Orban\n\n"
        "Viktor Orban, Hungary's prime minister, received us in Budapest on Monday. "
        "In January he told his party that the war could only end at the negotiating table.\n\n"
        "Q: Should Kyiv accept a ceasefire now?\n\n"
        "ORBAN: A ceasefire is the first step. Talks can follow."
    )
    answers = [s for s in statements(text) if s.kind.value == "quote"]
    assert answers and {s.speaker.name for s in answers} == {"Viktor Orban"}
    assert {s.date for s in answers} == {"2025-03-10"}


@pytest.mark.parametrize(
    ("text", "speaker", "day"),
    [
        (
            "Mykhailo Podolyak, an adviser to the Ukrainian president, answered our questions. "
            "The interview took place in Kyiv on Monday.\n\n"
            "Q: Will Kyiv accept a ceasefire now?\n\n"
            "PODOLYAK: A ceasefire is the first step, and Russian troops must then leave.",
            "Mykhailo Podolyak",
            "2025-03-10",
        ),
        # the writer's conversation, though its sentence reports another's words too
        (
            "Interview by Anna Berg\n\n"
            "Bohdan Lysenko is a former Ukrainian deputy foreign minister. We spoke to him by "
            "video link on Wednesday, a day after Vladimir Putin declared that the talks had "
            "come to a dead end.\n\n"
            "BERG: What happened in Istanbul?\n\n"
            "LYSENKO: Neutrality on paper is worth nothing, and I would accept it only with real "
            "security guarantees.",
            "Bohdan Lysenko",
            "2025-03-12",
        ),
    ],
)
def test_transcript_answers_are_dated_by_the_day_the_interview_took_place(text, speaker, day):
    answers = [s for s in statements(text) if s.speaker.name == speaker]
    assert answers and {s.date for s in answers} == {day}


def test_an_interview_a_question_quotes_does_not_date_the_answers():
    text = (
        "Joint press conference of the Finnish and Polish presidents\n\n"
        "QUESTION: Sergei Shoigu said in an interview aired last Friday that Moscow wants "
        "all of Kherson. President Stubb, what is your answer?\n\n"
        "PRESIDENT STUBB: Finland will never recognise the annexation of Kherson."
    )
    answers = [s for s in statements(text) if s.speaker.name == "Alexander Stubb"]
    assert answers and {s.date for s in answers} == {PUBLISHED.isoformat()}


def test_a_transcript_answer_is_not_redated_by_a_later_report_of_its_speaker():
    text = (
        "Remarks to the press\n\n"
        "MINISTER SIKORSKI: Poland will never recognise the annexation of Crimea.\n\n"
        "QUESTION: Minister Sikorski said on Tuesday that Russian troops must leave "
        "Crimea. Is that still the line?"
    )
    answers = [s for s in statements(text) if s.kind.value == "quote"]
    assert answers and {s.date for s in answers} == {PUBLISHED.isoformat()}


@pytest.mark.parametrize(
    ("text", "speaker", "expected"),
    [
        (
            "The ministry sits in an old palace by the river, and when we met there last week "
            "its halls were quiet. Radoslaw Sikorski was at his desk.\n\n"
            '"A ceasefire that only freezes the front is no peace," he said.',
            "Radoslaw Sikorski",
            [("2025-03", "month")],
        ),
        # the writer received alone, by someone named by role
        (
            "Ihor Zhovkva keeps a map on his office wall. The deputy head of the Presidential "
            "Office received me on Tuesday evening.\n\n"
            '"We will never go back to neutrality," Zhovkva said.',
            "Ihor Zhovkva",
            [("2025-03-11", "day")],
        ),
    ],
)
def test_an_interviewees_words_are_dated_by_the_writers_meeting_named_before_them(
    text, speaker, expected
):
    found = [s for s in statements(text) if s.speaker.name == speaker]
    assert [(s.date, s.date_precision.value) for s in found] == expected


def test_a_document_is_dated_by_the_day_it_changed_hands():
    text = (
        "On Monday the Russian delegation swapped memorandums with the Ukrainians.\n\n"
        "The Russian memorandum lists the terms. It demands that Kyiv withdraw its troops "
        "from the four regions."
    )
    found = statements(text)
    territory = [s for s in found if any(c.condition == "territory" for c in s.conditions)]
    assert [(s.speaker.name, s.date) for s in territory] == [("Russia", "2025-03-10")]


def test_a_pronoun_issuing_a_document_is_the_government_named_before_it():
    text = (
        "Moscow's list has not changed since the memorandum it handed over in June 2024.\n\n"
        "The memorandum demands that Ukraine renounce NATO membership."
    )
    found = statements(text)
    assert [(s.speaker.name, s.date) for s in found] == [("Russia", "2024-06")]


def test_a_document_passed_on_later_is_dated_by_that_day():
    text = (
        "European governments are drawing up a plan to end the war.\n\n"
        "The draft was circulated among national security advisers on Monday.\n\n"
        "The plan calls for a ceasefire along the current front line."
    )
    [statement] = statements(text)
    assert (statement.speaker.name, statement.date) == ("European Union", "2025-03-10")


def test_a_document_issued_on_no_known_day_is_not_dated_by_an_earlier_one():
    text = (
        "On Monday the Russian delegation handed over a memorandum.\n\n"
        "China has published a position paper. The paper calls for a ceasefire."
    )
    [statement] = [s for s in statements(text) if s.speaker.name == "China"]
    assert statement.date == PUBLISHED.isoformat()


def test_words_before_a_trailing_said_are_the_speakers_content():
    text = (
        "Russia is ready to revive the grain deal, but only with firm guarantees this time, "
        "Foreign Minister Sergei Lavrov said on Monday."
    )
    [statement] = statements(text)
    assert statement.speaker.name == "Sergei Lavrov"
    assert [c.condition for c in statement.conditions] == ["security-guarantees"]


def test_talks_count_when_the_paragraph_is_about_the_war():
    about_war = (
        "Vladimir Medinsky said Russia wanted a lasting peace with Ukraine. "
        '"We are ready to continue talks," he added.'
    )
    about_trade = (
        'Vladimir Medinsky spoke about grain exports. "We are ready to continue talks," he added.'
    )
    conditions = {c.condition for s in statements(about_war) for c in s.conditions}
    assert "negotiations" in conditions
    assert not any(
        c.condition == "negotiations" for s in statements(about_trade) for c in s.conditions
    )


def test_a_list_after_a_speakerless_lead_is_the_speaker_of_the_sentence_before():
    text = (
        "Zelensky laid out Ukraine's conditions in a speech to parliament on Tuesday. "
        "Among them:\n"
        "* a full ceasefire;\n"
        "* the return of all prisoners of war."
    )
    found = statements(text)
    assert {s.speaker.name for s in found} == {"Volodymyr Zelensky"}
    assert {s.date for s in found} == {"2025-03-11"}  # the lead's Tuesday
    assert {s.kind.value for s in found} == {"characterization"}  # list items are no quotes
    assert {c.condition for s in found for c in s.conditions} == {"ceasefire", "accountability"}


def test_a_list_item_takes_the_stance_of_its_lead():
    text = (
        "Russia handed over a memorandum on Monday. It calls for:\n"
        "- a full ceasefire;\n"
        "- talks between the two presidents."
    )
    stances = {c.condition: c.stance.value for s in statements(text) for c in s.conditions}
    assert stances == {"ceasefire": "demand", "negotiations": "demand"}


def test_a_list_item_naming_a_condition_by_its_absence_takes_the_leads_stance():
    text = (
        "On Tuesday Ukraine's delegation handed over its proposals. Kyiv offered:\n"
        "- no foreign military bases on its soil;\n"
        "- no nuclear weapons;\n"
        "- talks on the status of Crimea."
    )
    stances = {c.condition: c.stance.value for s in statements(text) for c in s.conditions}
    assert stances["no-foreign-troops"] == "offer"
    assert stances["demilitarization"] == "offer"


def test_a_document_handed_over_in_the_narrative_past_keeps_the_storys_day():
    text = (
        "On Monday the Russian delegation handed over a memorandum.\n\n"
        "Kyiv handed over its own document. It calls for a ceasefire."
    )
    [statement] = [s for s in statements(text) if s.speaker.name == "Ukraine"]
    assert statement.date == "2025-03-10"


def test_a_label_by_honorific_and_surname_names_the_person_introduced_with_their_office():
    text = (
        "State Department spokesperson Tammy Bruce briefed reporters on Tuesday.\n\n"
        "MS BRUCE: The Secretary has been clear. Russia must agree to an unconditional "
        "ceasefire."
    )
    [statement] = statements(text)
    assert (statement.speaker.name, statement.speaker.side) == ("Tammy Bruce", "United States")
    assert statement.kind.value == "quote"


def test_it_after_a_document_of_unknown_issuer_is_not_an_earlier_government():
    text = (
        "The Holy See said it was ready to help bring children home.\n\n"
        "The summit declaration is out. It says there can be no lasting peace unless Russia "
        "withdraws its forces from Ukraine."
    )
    assert "Holy See" not in {
        s.speaker.name
        for s in statements(text)
        if "declaration" in s.evidence or "It says" in s.evidence
    }


def test_a_document_presented_on_a_date_speaks_from_that_date():
    text = (
        "Volodymyr Zelensky's peace formula, presented to the G20 in November 2022, calls for "
        "the withdrawal of all Russian troops from Ukraine."
    )
    [statement] = statements(text)
    assert (statement.speaker.name, statement.date) == ("Volodymyr Zelensky", "2022-11")


def test_a_summary_at_the_top_takes_the_day_the_body_gives_the_same_words():
    text = (
        "Key takeaways:\n\n"
        "- Lavrov stated on March 12 that Russia would not accept European peacekeepers.\n"
        "- Zelensky stated that Ukraine is ready for a full ceasefire.\n\n"
        "Zelensky stated on March 11 that Ukraine is ready for a full ceasefire if Russia "
        "agrees to it."
    )
    zelensky = [s for s in statements(text) if s.speaker.name == "Volodymyr Zelensky"]
    assert {s.date for s in zelensky} == {"2025-03-11"}


@pytest.mark.parametrize(
    "text",
    [
        "Kallas said the EU will not lift sanctions until Russia ends the war.",
        "Kallas said the EU would not support any easing of sanctions on Russia.",
        "Kallas said the EU refuses to ease sanctions on Russia.",
    ],
)
def test_keeping_sanctions_is_a_demand(text):
    [statement] = statements(text)
    assert {c.condition: c.stance.value for c in statement.conditions}["sanctions"] == "demand"


def test_words_spoken_after_the_talks_take_the_talks_day():
    text = (
        "Putin and Xi held talks in the Kremlin on Tuesday.\n\n"
        "Speaking to reporters after the talks, Putin said Russia was ready for direct "
        "negotiations with Kyiv."
    )
    [statement] = statements(text)
    assert (statement.speaker.name, statement.date) == ("Vladimir Putin", "2025-03-11")


def test_an_answer_quoting_another_speaker_gives_them_the_quote_on_their_day():
    text = (
        "Question: What about a truce?\n\n"
        "Maria Zakharova: On Monday in Valletta, Sergey Lavrov set out our approach. "
        'I will quote him: "We do not need a truce that the West would use to rearm Kiev."'
    )
    found = statements(text)
    assert [(s.speaker.name, s.date) for s in found] == [("Sergei Lavrov", "2025-03-10")]


def test_the_president_in_a_spokeswomans_answer_is_her_own_government_s():
    text = (
        "Question: Volodymyr Zelensky said on Monday he was ready for talks. Your view?\n\n"
        "Maria Zakharova: Let me recall that the President demanded on June 14 that Kyiv "
        "withdraw its troops from the Donetsk region."
    )
    found = {(s.speaker.name, s.date) for s in statements(text)}
    assert ("Vladimir Putin", "2024-06-14") in found


def test_a_label_naming_a_person_the_gazetteer_knows_is_that_person():
    text = (
        "Department Press Briefing\n\nTommy Pigott, Principal Deputy Spokesperson\n\n"
        "MR PIGOTT: Any peace has to restore Ukraine's territorial integrity."
    )
    [statement] = statements(text)
    assert (statement.speaker.name, statement.speaker.side) == ("Tommy Pigott", "United States")


@pytest.mark.parametrize(
    ("text", "issuer"),
    [
        (
            "The plan, drafted by US envoy Steve Witkoff on Monday, would require Kyiv to give "
            "up the rest of Donetsk.",
            "United States",
        ),
        (
            "The plan, which Volodymyr Zelensky presented on Monday, calls for the withdrawal "
            "of all Russian troops from Ukraine.",
            "Volodymyr Zelensky",
        ),
    ],
)
def test_a_document_presented_by_an_envoy_speaks_for_their_government(text, issuer):
    assert {s.speaker.name for s in statements(text)} == {issuer}


def test_an_object_pronoun_is_no_speaker():
    # "continue" is a speech verb ("he continued: ..."); "him" is not its speaker
    text = (
        "Putin spoke on Monday. Putin is desperate for a tactical pause that will allow him "
        "to continue the war."
    )
    assert statements(text) == []


def test_a_nationality_and_a_role_refer_back_to_the_person_and_a_nested_act_is_theirs():
    text = (
        "Sergei Lavrov spoke to the agency on Monday. The Russian diplomat recalled that "
        "President Vladimir Putin, speaking at the Foreign Ministry on June 14, named the "
        "withdrawal of Ukrainian troops from the four regions as a condition for talks."
    )
    found = statements(text)
    assert [(s.speaker.name, s.date) for s in found] == [("Vladimir Putin", "2024-06-14")]


def test_the_russian_diplomat_is_the_last_russian_person_named():
    text = (
        "Sergei Lavrov spoke to the agency on Monday. The Russian diplomat said Moscow "
        "would never accept a ceasefire."
    )
    assert [s.speaker.name for s in statements(text)] == ["Sergei Lavrov"]


def test_the_secretary_is_the_secretary_named_before_not_the_last_person():
    text = (
        "Volodymyr Zelensky met Marco Rubio in Kyiv on Monday.\n\n"
        "The secretary said the aim remained a ceasefire along the current line of contact."
    )
    assert {s.speaker.name for s in statements(text)} == {"Marco Rubio"}


def test_the_prime_minister_is_the_one_in_office_not_a_former_holder():
    text = (
        "Vladimir Putin's proposals were discussed by Theresa May with MPs on Tuesday.\n\n"
        "The prime minister said sanctions on Russia would stay until its troops left."
    )
    assert {s.speaker.name for s in statements(text, date(2017, 5, 4))} == {"Theresa May"}


def test_a_relative_clause_of_words_on_another_day_is_a_statement_of_its_own():
    text = (
        "Trump, who wrote on social media on Sunday that Ukraine would not join NATO, told "
        "reporters after Tuesday's talks that a ceasefire was not necessary."
    )
    found = {(s.date, tuple(c.condition for c in s.conditions)) for s in statements(text)}
    assert found == {("2025-03-09", ("nato-non-membership",)), ("2025-03-11", ("ceasefire",))}


def test_words_told_to_the_same_news_conference_take_its_day():
    text = (
        "The leaders held a closing news conference in Paris on Monday.\n\n"
        "Merkel told the same news conference that OSCE monitors must be able to work "
        "around the clock."
    )
    [statement] = statements(text)
    assert (statement.speaker.name, statement.date) == ("Angela Merkel", "2025-03-10")


@pytest.mark.parametrize(
    "scene",
    ["doorstepped outside the venue", "speaking on his way in", "arriving for the second day"],
)
def test_doorstep_remarks_take_the_summits_day(scene):
    text = (
        "NATO leaders opened their summit in Vilnius on Tuesday.\n\n"
        f"British Prime Minister Rishi Sunak, {scene}, said a ceasefire that left Russian "
        "troops in Ukraine would only reward the aggressor."
    )
    [statement] = statements(text)
    assert statement.date == "2025-03-11"


def test_a_question_about_a_party_is_not_its_position():
    assert statements("Could Kyiv accept a ceasefire if Western money dries up?") == []
    # but a speaker asking it in their own words still speaks
    [statement] = statements('"Why would we accept a ceasefire now?" Lavrov said on Tuesday.')
    assert statement.speaker.name == "Sergei Lavrov"


def test_an_answer_naming_the_speakers_own_government_is_one_statement():
    text = (
        "Foreign ministry spokeswoman Mao Ning held the regular briefing on Monday.\n\n"
        "QUESTION: Will China back the ceasefire plan?\n\n"
        "MAO NING: China firmly supports a ceasefire at an early date."
    )
    found = statements(text)
    assert [s.speaker.name for s in found] == ["Mao Ning"]


def test_words_said_before_the_paragraphs_time_keep_only_its_year():
    text = (
        "In February, the envoys met again in Riyadh. The meeting followed after Zelensky "
        "indicated that Kyiv would accept a ceasefire at sea. Peskov said that talks "
        "would continue."
    )
    found = {s.speaker.name: (s.date, s.date_precision.value) for s in statements(text)}
    assert found["Volodymyr Zelensky"] == ("2025", "year")
    assert found["Dmitry Peskov"] == ("2025-02", "month")  # the paragraph's own time


def test_a_retelling_of_an_earlier_year_dates_days_without_a_year_in_it():
    text = (
        "On March 29, 2022, the two delegations met in Istanbul.\n\n"
        "On April 12, Putin said the talks had reached a dead end and rejected a ceasefire.\n\n"
        "On Sunday, Peskov said Russia was ready for new talks with Kyiv."
    )
    found = {s.speaker.name: s.date for s in statements(text, published=date(2025, 5, 14))}
    assert found == {"Vladimir Putin": "2022-04-12", "Dmitry Peskov": "2025-05-11"}


def test_a_day_recalled_inside_a_sentence_sets_no_earlier_year_for_the_next():
    text = (
        "Putin set out his terms in a speech on June 14, 2024, and has not moved since.\n\n"
        "On January 22 Trump told Putin to accept a ceasefire or face new sanctions."
    )
    found = {s.speaker.name: s.date for s in statements(text, published=date(2025, 1, 31))}
    assert found["Donald Trump"] == "2025-01-22"


def test_a_count_of_days_counts_from_the_last_day_named_in_an_earlier_paragraph():
    text = (
        "On March 29, 2022, the two delegations met in Istanbul.\n\n"
        "Two days earlier, Zelensky had told reporters that Ukraine was ready to discuss "
        "neutrality."
    )
    [statement] = statements(text, published=date(2025, 5, 14))
    assert (statement.date, statement.date_basis.value) == ("2022-03-27", "relative")


def test_a_person_introduced_beside_a_role_is_the_she_of_the_next_sentence():
    text = (
        "The representative of the United States, Helen Marsh, said the Council had met "
        "three times this month. She said Moscow must pull its forces out of Ukraine."
    )
    found = statements(text)
    assert [(s.speaker.name, s.speaker.side) for s in found] == [("Helen Marsh", "United States")]


def test_a_timeline_entry_tells_the_past_in_the_present_tense():
    text = (
        "How the positions shifted\n\n"
        "Feb 12, 2015 — Leaders agree a ceasefire in Minsk. Angela Merkel says European "
        "sanctions will stay until the deal is carried out in full.\n\n"
        "Today, Peskov says Moscow is ready for talks."
    )
    found = {s.speaker.name: s.date for s in statements(text, published=date(2024, 2, 23))}
    assert found["Angela Merkel"] == "2015-02-12"
    assert found["Dmitry Peskov"] == "2024-02-23"


def test_words_placed_where_a_dated_event_was_held_take_its_day():
    text = (
        "The delegations met for talks in Istanbul on Monday.\n\n"
        "In Istanbul, Kyiv's delegation pressed again for a full ceasefire, and Medinsky "
        "said in Istanbul that Russia would not withdraw from the four regions."
    )
    found = {(s.speaker.name, s.date) for s in statements(text)}
    assert found == {("Ukraine", "2025-03-10"), ("Vladimir Medinsky", "2025-03-10")}


def test_a_place_in_the_words_content_does_not_date_them():
    text = (
        "Russian and Ukrainian negotiators held talks in Antalya on Monday.\n\n"
        "Hakan Fidan said Ankara was ready to host a meeting of the two presidents in Antalya."
    )
    found = {s.speaker.name: s.date for s in statements(text)}
    assert found == {"Hakan Fidan": PUBLISHED.isoformat()}


def test_a_place_a_where_clause_of_the_words_follows_dates_them():
    text = (
        "Leaders of the Group of Seven met for a summit in Apulia on Friday.\n\n"
        "Volodymyr Zelensky then flew to the summit in Apulia, where he called for the "
        "withdrawal of all Russian troops from Ukraine."
    )
    [statement] = statements(text)
    assert statement.date == "2025-03-07"


def test_a_month_after_in_is_no_place_of_a_dated_event():
    text = (
        "The two sides held talks on a plan they had drafted in February.\n\n"
        "Lavrov, speaking at a news conference, said that Moscow wanted a ceasefire and that "
        "the paper agreed in February still stood."
    )
    [statement] = statements(text)
    assert statement.date == PUBLISHED.isoformat()


def test_relative_days_in_an_interviews_turns_count_from_the_interview_day():
    text = (
        "NORTHERN GAZETTE | INTERVIEW\n\n"
        "The minister received the Northern Gazette in Kyiv on Monday.\n\n"
        "NG: Yesterday Sergei Lavrov said that Russia would never accept a ceasefire.\n\n"
        "O.K.: No, they want more land.\n\n"
        "Dmitry Peskov said yesterday that Russia would never accept a ceasefire."
    )
    found = {s.speaker.name: s.date for s in statements(text)}
    # the interview was on Monday 10 March; the note after it counts from publication
    assert found["Sergei Lavrov"] == "2025-03-09"
    assert found["Dmitry Peskov"] == "2025-03-12"


def test_words_at_an_occasion_named_before_take_the_day_of_that_kind_of_occasion():
    text = (
        "Zelensky held a news conference in Kyiv on Monday.\n\n"
        "On Tuesday, the UN General Assembly voted on a resolution.\n\n"
        "Russia's envoy, Vasily Nebenzya, told the assembly before the vote that Russia "
        "would never return the four regions.\n\n"
        "Dmytro Kuleba told the same news conference that Ukraine would never accept a "
        "ceasefire."
    )
    found = {s.speaker.name: s.date for s in statements(text)}
    # the vote's day, and the conference's, not the vote's named since
    assert found == {"Vasily Nebenzya": "2025-03-11", "Dmytro Kuleba": "2025-03-10"}


def test_a_when_clause_after_a_date_is_spoken_at_that_date():
    text = (
        "The tone has changed since January, when Sergei Lavrov told reporters that Ukraine "
        "would never join NATO."
    )
    [statement] = statements(text)
    assert statement.date == "2025-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("In 2021 Russian envoys in Geneva demanded that Ukraine never join NATO.", "2021"),
        # a year of a clause about the speaker is not the time of the words
        ("Sergei Lavrov, who moved to Moscow in 2021, said Ukraine must never join NATO.", None),
    ],
)
def test_a_year_on_the_speakers_own_verb_dates_the_act(text, expected):
    [statement] = statements(text)
    assert statement.date == (expected or PUBLISHED.isoformat())


def test_a_date_in_a_clause_on_a_noun_is_no_occasion_of_the_subject():
    text = (
        "Olaf Scholz discussed the plan that Zelensky presented in Brussels on Monday.\n\n"
        "Scholz said Russia must withdraw its troops from Ukraine."
    )
    [statement] = statements(text)
    assert statement.date == PUBLISHED.isoformat()  # Monday is the plan's, not Scholz's


def test_terms_set_out_in_a_month_are_not_dated_by_a_meeting_in_that_month():
    text = (
        "The delegations met for talks in Istanbul in June, on Monday.\n\n"
        "Peskov said Russia remained ready for talks, but only on the terms set out in June."
    )
    # not June: the terms were set out then, Peskov's words are undated
    assert {(s.speaker.name, s.date) for s in statements(text)} == {("Dmitry Peskov", "2025-03-13")}


def test_today_under_a_date_heading_is_the_headings_day_until_a_rule():
    text = (
        "Statements after the phone call\n\n"
        "The two presidents spoke by phone last week. Both offices published texts.\n\n"
        "Office of the President\n7 March 2025 - 13:15\n\n"
        "President Volodymyr Zelensky today told Vladimir Putin that Russia must withdraw its "
        "troops from Ukraine.\n\n---\n\nReactions\n\n"
        "Dmitry Peskov said today that Russia would never accept a ceasefire."
    )
    found = {s.speaker.name: s.date for s in statements(text)}
    assert found == {"Volodymyr Zelensky": "2025-03-07", "Dmitry Peskov": "2025-03-13"}


def test_a_date_earlier_in_the_sentence_sets_the_time_of_the_words_after_it():
    text = (
        "The ministry replied to the Geneva talks on Monday: its spokeswoman Maria Zakharova "
        "said that Russia would never accept a ceasefire."
    )
    [statement] = statements(text)
    assert statement.date == "2025-03-10"


def test_a_document_dated_a_day_speaks_from_that_day():
    text = (
        "The United States has drawn up a new draft peace plan.\n\n"
        "The paper, dated March 3, reached both capitals on Friday.\n\n"
        "Under the draft, Ukraine would never join NATO."
    )
    [statement] = statements(text)
    assert statement.date == "2025-03-03"


def test_a_date_heading_dates_the_paragraphs_below_it_until_the_next():
    text = (
        "THE WEEK IN REVIEW\n\n"
        "A busy week of diplomacy ended without a deal.\n\n"
        "TUESDAY, 11 MARCH\n"
        "Zelensky told reporters that Ukraine was ready for a ceasefire.\n\n"
        "Lavrov said Moscow wanted Kyiv to drop its NATO bid.\n\n"
        "WEDNESDAY, 12 MARCH\n"
        "Peskov told reporters that Russia insisted on Ukraine's neutrality."
    )
    found = statements(text)
    assert [(s.speaker.name, s.date, s.date_basis.value) for s in found] == [
        ("Volodymyr Zelensky", "2025-03-11", "inferred"),
        ("Sergei Lavrov", "2025-03-11", "inferred"),
        ("Dmitry Peskov", "2025-03-12", "inferred"),
    ]


def test_a_correspondents_label_heads_a_report_of_what_others_said():
    text = (
        "ANCHOR: Our Kyiv correspondent Lena Varga is there for us.\n\n"
        "VARGA: Officials here are angry. The foreign minister, Andrii Sybiha, wrote on "
        "social media that Ukraine would never accept a ceasefire that left Russian troops "
        "on its land."
    )
    found = statements(text)
    assert [s.speaker.name for s in found] == ["Andrii Sybiha"]


def test_a_description_before_a_name_in_apposition_does_not_point_back():
    text = (
        "Zelensky used his nightly address to thank the allies. The foreign minister, "
        "Andrii Sybiha, went further. He wrote that a ceasefire on the current line would "
        "reward the aggressor."
    )
    found = statements(text)
    assert [(s.speaker.name, [c.stance.value for c in s.conditions]) for s in found] == [
        ("Andrii Sybiha", ["reject"])
    ]


def test_a_relative_clause_hung_on_a_documents_description_is_the_documents():
    text = (
        "In February 2023, China issued a position paper on the settlement of the Ukraine "
        "crisis, which calls for a ceasefire."
    )
    [statement] = statements(text)
    assert (statement.speaker.name, statement.date) == ("China", "2023-02")


def test_a_family_name_written_first_names_the_person_once_introduced():
    text = (
        "Wang Yi met the Ukrainian minister in Beijing on Wednesday. Wang stressed that "
        "dialogue and negotiation were the only way out of the crisis."
    )
    [statement] = statements(text)
    assert statement.speaker.name == "Wang Yi"


def test_a_transcript_turn_runs_on_into_paragraphs_in_the_speakers_own_voice():
    text = (
        "Dmitry Peskov: Let us begin, please.\n\n"
        "Vladimir Putin: We treat the initiative with respect.\n\n"
        "As for a ceasefire, I answered frankly: we cannot cease fire while we are attacked.\n\n"
        "The Kremlin later published the full transcript, which says Kyiv must withdraw."
    )
    found = statements(text)
    assert [(s.speaker.name, [c.condition for c in s.conditions]) for s in found][0] == (
        "Vladimir Putin",
        ["ceasefire"],
    )
    assert all(s.speaker.name != "Vladimir Putin" or "Kremlin" not in s.evidence for s in found)


def test_a_transcript_turn_runs_on_over_its_paragraphs_until_the_next_label():
    text = (
        "Joint press conference in Rome\n\n"
        "PRESIDENT MACRON: Good morning, and thank you for coming.\n\n"
        "Peace for Ukraine has to be a just and lasting peace.\n\n"
        "QUESTION: Will Europe lift sanctions?\n\n"
        "Sanctions will stay until Russia withdraws."
    )
    found = statements(text)
    assert [(s.speaker.name, s.evidence[:5]) for s in found] == [("Emmanuel Macron", "Peace")]


def test_a_label_whose_office_is_abbreviated_with_a_slash_names_its_speaker():
    text = (
        "Remarks to the press in Brussels\n\n"
        "HR/VP BORRELL: Good afternoon. There will be no ceasefire on Russia's terms."
    )
    found = statements(text)
    assert {s.speaker.name for s in found} == {"Josep Borrell"}


def test_a_position_named_as_a_noun_is_dated_as_the_plan_it_names():
    text = (
        "Lavrov recalled that Russia had presented its plan last month. "
        "Western capitals were weighing Putin's proposal to halt the fighting if Ukraine "
        "withdraws its troops from the four regions."
    )
    found = statements(text)
    assert [(s.speaker.name, s.date) for s in found if s.evidence.startswith("Western")] == [
        ("Vladimir Putin", "2025-02")
    ]


def test_it_after_a_supposed_subject_is_part_of_the_supposition():
    text = (
        "Moscow presented its plan on Monday. Putin offered to halt the fighting if Ukraine "
        "pulls its troops out of all land seized by Russia, declares that it does not want "
        "NATO membership, and completes its disarmament."
    )
    found = statements(text)
    assert {s.speaker.name for s in found} == {"Vladimir Putin"}


def test_the_answers_of_a_dash_dialogue_are_the_interviewees():
    text = (
        "Sybiha: no land for a truce\n\n"
        "Foreign Minister Andrii Sybiha spoke to us in Kyiv on Wednesday. The interview "
        "was shortened for clarity.\n\n"
        "— Will Kyiv give up land for a truce?\n\n"
        "— Never. Ukraine will not cede territory.\n\n"
        "— Does President Zelensky see it so? And President Zelensky's talks?\n\n"
        "— We are ready for talks once Russia stops the shelling.\n\n"
        "— Thank you."
    )
    found = statements(text)
    assert {s.speaker.name for s in found} == {"Andrii Sybiha"}
    assert {c.condition for s in found for c in s.conditions} >= {"territory", "negotiations"}


def test_a_day_named_within_a_coarser_time_dates_the_words_to_the_day():
    text = (
        "Earlier this month, on March 2, Putin told a forum in Sochi that Russia was open "
        "to talks with Kyiv."
    )
    [statement] = statements(text)
    assert (statement.date, statement.date_precision.value) == ("2025-03-02", "day")


@pytest.mark.parametrize(
    "lead", ["Moscow's demands:", "What Russia wants:", "Among Moscow's demands:"]
)
def test_a_short_label_opening_a_list_names_its_speaker(lead):
    text = (
        f"Talks resumed in Istanbul on Monday.\n\n{lead}\n\n"
        "- a Ukrainian withdrawal from the four regions;\n"
        "- a pledge that Ukraine will never join NATO."
    )
    found = statements(text)
    assert [(s.speaker.name, [c.condition for c in s.conditions]) for s in found] == [
        ("Russia", ["territory"]),
        ("Russia", ["nato-non-membership"]),
    ]


def test_a_quote_paragraph_after_a_colon_that_names_someone_is_theirs():
    text = 'Zelensky was blunt on Tuesday:\n\n"Every child must come home, and then we talk."'
    [statement] = statements(text)
    assert statement.speaker.name == "Volodymyr Zelensky"


def test_a_list_below_a_sentence_announcing_the_terms_is_the_speakers():
    text = (
        "Zelensky set out Ukraine's terms on Tuesday.\n\n"
        "- the return of every deported child;\n"
        "- a full withdrawal of Russian troops."
    )
    found = statements(text)
    assert [s.speaker.name for s in found] == ["Volodymyr Zelensky"] * 2


def test_a_list_lead_naming_a_document_is_its_issuers_as_of_the_documents_day():
    text = (
        "Moscow handed over its memorandum on Monday.\n\n"
        "Key points of the memorandum:\n\n"
        "- a Ukrainian withdrawal from the four regions;\n"
        "- a pledge that Ukraine will never join NATO."
    )
    found = statements(text)
    assert [(s.speaker.name, s.date) for s in found] == [("Russia", "2025-03-10")] * 2


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        (
            "This was stated by the Head of the Office of the President of Ukraine "
            "Kyrylo Budanov on Tuesday.",
            "Kyrylo Budanov",
        ),
        ("This was stated by the chief of staff of President Volodymyr Zelensky.", None),
    ],
)
def test_a_full_title_before_a_name_gives_the_name_not_the_principal(sentence, speaker):
    text = f"Ukraine will not accept any limits on the size of its army. {sentence}"
    found = {s.speaker.name for s in statements(text) if s.speaker.kind == "person"}
    assert found == ({speaker} if speaker else set())


def test_the_name_after_a_title_speaks_whoever_holds_the_title_on_the_day():
    # In March 2025 the EU's High Representative is Kaja Kallas; the name written decides.
    text = (
        "EU High Representative for Foreign Affairs Josep Borrell, speaking at the meeting, "
        "said that the European Union would continue to support Kyiv and that a just peace "
        "was possible only with the withdrawal of Russian troops."
    )
    assert {s.speaker.name for s in statements(text)} == {"Josep Borrell"}


def test_a_briefing_is_spoken_by_the_person_its_title_names():
    text = (
        "Briefing by Foreign Ministry Spokeswoman Maria Zakharova, Moscow\n\n"
        "We have said it many times: any settlement without Russia is meaningless.\n\n"
        "Question: Vladimir Putin spoke about talks. Vladimir Putin met envoys. Your view?\n\n"
        "Answer: We are ready for negotiations that take account of the realities."
    )
    found = statements(text)
    assert {s.speaker.name for s in found} == {"Maria Zakharova"}
    assert {c.condition for s in found for c in s.conditions} == {"negotiations"}


@pytest.mark.parametrize(("byline", "answerer"), [("Marta Kowal", "Radoslaw Sikorski")])
def test_initials_labels_stand_for_the_people_the_article_names(byline, answerer):
    text = (
        f"{answerer}: talks are stuck\n\nBy {byline}, Warsaw\n\n"
        "M.K.: The talks have stalled again. Is this track dead?\n\n"
        "R.S.: Russia must accept a ceasefire before any talks about territory."
    )
    found = statements(text)
    assert [s.speaker.name for s in found] == [answerer]


def test_a_digests_place_heading_leaves_its_sentence_its_own_speaker_and_date():
    text = (
        "Washington: The State Department said in a statement on Monday that sanctions "
        "would remain until Russia handed Crimea back to Ukraine."
    )
    found = statements(text)
    assert [(s.speaker.name, s.date) for s in found] == [("United States", "2025-03-10")]


def test_what_anonymous_sources_describe_is_dated_by_the_month_of_publication():
    text = (
        "The Kremlin wants Ukraine to withdraw from the Donetsk region before any "
        "ceasefire, two sources said."
    )
    found = statements(text)
    assert [(s.date, s.date_precision.value) for s in found] == [("2025-03", "month")]


def test_a_person_introduced_in_apposition_to_a_countrys_role_is_known_by_surname():
    text = (
        "Finland's foreign minister, Elina Valtonen, spoke in Helsinki.\n\n"
        "Valtonen said a ceasefire that freezes the front line is not peace."
    )
    found = statements(text)
    assert [(s.speaker.name, s.speaker.side) for s in found] == [("Elina Valtonen", "Finland")]


def test_the_start_of_a_period_is_no_occasion_of_the_speakers_words():
    text = (
        "Since Dmitry Peskov took the job in June 2012 he has defended every war aim.\n\n"
        "Peskov said Kyiv must withdraw its troops from the Donetsk region."
    )
    [statement] = statements(text)
    assert statement.date == PUBLISHED.isoformat()


def test_words_told_to_an_outlet_named_by_what_it_is_fall_in_the_month():
    text = (
        "A Moscow tabloid ran an interview on Monday. Political scientist Gleb Sorokin told "
        "the tabloid that the Kremlin would not settle for less than all four regions."
    )
    found = [s for s in statements(text) if s.speaker.name == "Gleb Sorokin"]
    assert [(s.date, s.date_precision.value) for s in found] == [("2025-03", "month")]


@pytest.mark.parametrize(
    "text",
    [
        "Peskov said on Tuesday that the conditions Putin set out on June 14, the withdrawal "
        "of Ukrainian forces from Donetsk and Luhansk, remain in force.",
        "Lavrov said on Monday that a settlement still requires Ukraine to withdraw from "
        "Donetsk, as Putin demanded at a summit on June 14.",
    ],
)
def test_terms_restated_with_their_own_day_are_also_their_setters(text):
    found = {
        (s.speaker.name, s.date) for s in extract_article(text, published=PUBLISHED).statements
    }
    assert ("Vladimir Putin", "2024-06-14") in found
    assert any(name != "Vladimir Putin" for name, _ in found)


def test_an_opening_as_clause_restates_the_words_after_it():
    text = (
        "Maria Zakharova: Nothing has changed. As the President said on June 14, Ukraine must "
        "withdraw from Donetsk."
    )
    found = {(s.speaker.name, s.date) for s in statements(text, date(2024, 12, 18))}
    assert ("Vladimir Putin", "2024-06-14") in found


def test_terms_restated_without_a_day_of_their_own_stay_with_the_reporter():
    text = (
        "Peskov said on Tuesday that the conditions Putin set out, the withdrawal of "
        "Ukrainian forces from Donetsk, remain in force."
    )
    found = {s.speaker.name for s in extract_article(text, published=PUBLISHED).statements}
    assert found == {"Dmitry Peskov"}


def test_a_story_about_the_war_keeps_its_subject_across_paragraphs():
    text = (
        "Delegations of Russia and Ukraine met in Minsk on Monday.\n\n"
        "President Alexander Lukashenko said on Monday that Minsk was ready to offer its "
        "capital as a venue for further rounds."
    )
    found = extract_article(text, published=date(2025, 3, 14)).statements
    assert {c.condition for s in found for c in s.conditions} == {"negotiations"}
    # A paragraph alone, with nothing naming the war, holds no position on talks.
    alone = extract_article(text.split("\n\n")[1], published=date(2025, 3, 14)).statements
    assert not alone


def test_words_with_no_speaker_of_their_own_are_given_to_the_source_named_after_them():
    text = (
        "A freeze along the front line would only reward the aggressor and cannot be "
        "accepted. This was stated by Ukrainian Foreign Minister Andrii Sybiha on Tuesday."
    )
    [statement] = statements(text)
    assert statement.speaker.name == "Andrii Sybiha"
    assert statement.date == "2025-03-11"
    assert "ceasefire" in {c.condition for c in statement.conditions}


def test_a_day_the_sentence_gave_the_speakers_words_dates_their_later_words_too():
    text = (
        "It is worth recalling that on March 3, addressing senior diplomats, the Russian "
        "leader laid out the conditions of a peace deal. According to him, Kyiv must "
        "withdraw its troops from Donetsk.\n\n"
        "The head of state also noted that Ukraine must stay out of NATO."
    )
    dates = {c.condition: s.date for s in statements(text) for c in s.conditions}
    assert dates["nato-non-membership"] == "2025-03-03"


def test_an_articles_own_date_line_is_not_the_time_of_its_paragraphs():
    # A lone heading giving the publication day is when the piece was printed: a later
    # undated report is "reported on" that day, not said on it.
    text = (
        "THE RIVERSIDE POST | Comment\n\n"
        "Old terms, new visitors\n\n"
        "A month of visits to Moscow has left the price of peace where it was\n\n"
        "By Jane Doe\n"
        "Thursday 13 March 2025\n\n"
        "The envoys came and went and the map stayed as it was.\n\n"
        "Lavrov said Moscow wanted Kyiv to drop its NATO bid."
    )
    [found] = statements(text)
    assert (found.date, found.date_basis.value) == ("2025-03-13", "publication")


def test_an_interview_named_in_the_lead_dates_the_interviewees_later_words():
    text = (
        "Russia is still prepared to seek a negotiated solution to the situation around "
        "Ukraine, but any agreement will have to proceed from the new territorial realities, "
        "Mikhail Galuzin, Russia's deputy foreign minister, told TASS in an interview.\n\n"
        '"We have never refused dialogue, but there can be no talks on the basis of an '
        'ultimatum," the diplomat stressed.'
    )
    found = extract_article(text, published=date(2023, 7, 20)).statements
    said = [s for s in found if s.speaker.name == "Mikhail Galuzin"]
    assert said and {s.date for s in said} == {"2023-07"}
    # the lead is his too: "Russia is ..., NAME told" is the teller's
    assert "Russia" not in {s.speaker.name for s in found}


def test_an_outlet_named_before_a_role_is_not_introduced_as_a_person():
    text = (
        "Transcript: press conference of the foreign minister\n\n"
        "QUESTION (Kyiv Independent): Minister, Ukraine's defence minister said today that "
        "Kyiv's priority remains the return of all its people, including deported children. "
        "Will Turkey help?\n\n"
        "FIDAN: We will help."
    )
    extraction = extract_article(text, published=PUBLISHED)
    assert "Kyiv Independent" not in {p.name for p in extraction.speakers_introduced}
    assert "Kyiv Independent" not in {s.speaker.name for s in extraction.statements}


def test_the_remark_a_later_sentence_dates_is_the_words_before_it():
    text = (
        "Dmitry Peskov said on Tuesday that Russia remained open to talks.\n\n"
        "Sergei Lavrov, for his part, pointed out that the interests of Russian-speaking people "
        "in Ukraine cannot be left out of any agreement. The minister made the remark on Sunday "
        "in an interview, adding that the lifting of Western sanctions had to be part of any "
        "settlement."
    )
    found = extract_article(text, published=date(2024, 6, 18)).statements
    said = [s for s in found if s.speaker.name == "Sergei Lavrov"]
    dates = {c.condition: s.date for s in said for c in s.conditions}
    assert dates == {"minority-rights": "2024-06-16", "sanctions": "2024-06-16"}
