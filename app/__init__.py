"""Peace Terms Tracker: dated statements of war-termination conditions by speaker."""
