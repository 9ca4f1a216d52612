"""Editors: creating them, checking their passwords and their personal API tokens."""

import hashlib
import re
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from app.models import User

MIN_PASSWORD_LENGTH = 10
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
_HASHER = PasswordHasher()  # argon2id with the library's current recommended parameters
# Checked when a name is unknown, so a wrong name takes as long as a wrong password.
_DUMMY_HASH = _HASHER.hash("not a password of anybody")


class UserError(ValueError):
    """A user cannot be created or changed as asked (the message says why)."""


def _token_digest(token: str) -> str:
    # Tokens are long and random, so a fast hash is enough and allows a lookup by value.
    return hashlib.sha256(token.encode()).hexdigest()


def create_user(session: Session, *, name: str, password: str, is_admin: bool = False) -> User:
    """A new editor; the name must be free and the password long enough."""
    if not _NAME.fullmatch(name):
        raise UserError(
            f"user name {name!r} must be 1-64 letters, digits, dots, dashes or underscores"
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password must have at least {MIN_PASSWORD_LENGTH} characters")
    if find_user(session, name) is not None:
        raise UserError(f"user {name!r} exists already")
    user = User(name=name, password_hash=_HASHER.hash(password), is_admin=is_admin)
    session.add(user)
    session.commit()
    session.refresh(user)
    return user


def find_user(session: Session, name: str) -> User | None:
    """The user of that name, or None."""
    return session.exec(select(User).where(User.name == name)).first()


def authenticate(session: Session, *, name: str, password: str) -> User | None:
    """The user if the password is theirs, else None (same work either way)."""
    user = find_user(session, name)
    try:
        _HASHER.verify(user.password_hash if user else _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _HASHER.check_needs_rehash(user.password_hash):
        user.password_hash = _HASHER.hash(password)
        session.add(user)
        session.commit()
    return user


def issue_token(session: Session, *, name: str) -> str:
    """A new personal API token for the user, replacing any earlier one; shown only now."""
    user = find_user(session, name)
    if user is None:
        raise UserError(f"no user {name!r}")
    token = secrets.token_urlsafe(32)
    user.token_hash = _token_digest(token)
    session.add(user)
    session.commit()
    return token


def user_by_token(session: Session, token: str) -> User | None:
    """The user whose personal token this is, or None."""
    if not token:
        return None
    return session.exec(select(User).where(User.token_hash == _token_digest(token))).first()


def get_user(session: Session, user_id: int) -> User | None:
    """The user with that id, or None (e.g. deleted since the session cookie was made)."""
    return session.get(User, user_id)


def list_users(session: Session) -> list[User]:
    """Every user, by name."""
    return list(session.exec(select(User).order_by(User.name)))
