"""Managing editors in the browser (`/users`, admins only): who may write, and adding one."""

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from app.crud.users import UserError, create_user, list_users
from app.web.auth import AdminDep, session_user
from app.web.params import SessionDep
from app.web.templating import templates

router = APIRouter(include_in_schema=False)


def _page(
    request: Request, session: SessionDep, *, error: str | None = None, status: int = 200
) -> HTMLResponse:
    context = {"users": list_users(session), "error": error}
    return templates.TemplateResponse(request, "users.html", context, status_code=status)


@router.get("/users", response_class=HTMLResponse)
def users_page(request: Request, session: SessionDep) -> HTMLResponse:
    """The editors, and a form to add one; admins only."""
    user = session_user(request, session)
    if user is None:
        raise HTTPException(401, "sign in as an admin to manage users")
    if not user.is_admin:
        raise HTTPException(403, "only an admin may manage users")
    return _page(request, session)


@router.post("/users")
def add_user(
    request: Request,
    session: SessionDep,
    admin: AdminDep,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    is_admin: Annotated[bool, Form()] = False,
) -> Response:
    """Create an editor (or another admin)."""
    try:
        create_user(session, name=name, password=password, is_admin=is_admin)
    except UserError as exc:
        session.rollback()
        return _page(request, session, error=str(exc), status=400)
    return RedirectResponse("/users", status_code=303)
