"""Editors: names, password hashing and checking, personal API tokens."""

import pytest
from sqlmodel import Session

from app.crud.users import UserError, authenticate, create_user, issue_token, user_by_token


def test_a_created_user_signs_in_with_the_password_and_only_with_it(session: Session) -> None:
    user = create_user(session, name="anna", password="correct horse battery")

    assert user.password_hash.startswith("$argon2id$")
    assert "correct horse" not in user.password_hash
    assert authenticate(session, name="anna", password="correct horse battery") == user
    assert authenticate(session, name="anna", password="correct horse batterY") is None
    assert authenticate(session, name="nobody", password="correct horse battery") is None


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("anna", "short", "at least 10 characters"),
        ("anna smith", "long enough password", "must be 1-64 letters"),
        ("", "long enough password", "must be 1-64 letters"),
        ("<script>", "long enough password", "must be 1-64 letters"),
    ],
)
def test_bad_names_and_short_passwords_are_refused(
    session: Session, name: str, password: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        create_user(session, name=name, password=password)


def test_a_name_is_taken_once(session: Session) -> None:
    create_user(session, name="anna", password="long enough password")

    with pytest.raises(UserError, match="exists already"):
        create_user(session, name="anna", password="another long password")


def test_a_token_finds_its_user_until_a_new_one_replaces_it(session: Session) -> None:
    user = create_user(session, name="anna", password="long enough password")

    first = issue_token(session, name="anna")
    assert user_by_token(session, first) == user
    assert user.token_hash != first  # only a digest is stored

    second = issue_token(session, name="anna")
    assert user_by_token(session, second) == user
    assert user_by_token(session, first) is None
    assert user_by_token(session, "") is None


def test_a_token_for_an_unknown_user_is_refused(session: Session) -> None:
    with pytest.raises(UserError, match="no user"):
        issue_token(session, name="nobody")
