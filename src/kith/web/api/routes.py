"""Every API route in one table: the Starlette routes and the OpenAPI document are both made
from it, so no route goes undescribed. Mounted at /api by kith.web.app."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Match, Route

from kith.web.api import bodies as asked
from kith.web.api import follow_ups, imports, people, schemas, week
from kith.web.api.edge import Operation, endpoint, problem

PERSON = "/people/{person_id:int}"
OPERATIONS = (
    Operation("GET", "/people", people.list_people, schemas.PeopleList, "List people", "people",
              query=asked.PeopleQuery),
    Operation("POST", "/people", people.add_person, schemas.OnePerson, "Add a person", "people",
              body=asked.NewPerson, status=201),
    Operation("GET", "/people/resolve", people.resolve_name, schemas.OnePerson,
              "Resolve a name", "people", query=asked.NameQuery),
    Operation("GET", PERSON, people.show_person, schemas.PersonCard, "Show a person", "people",
              query=asked.ShowQuery),
    Operation("PATCH", PERSON, people.edit_person, schemas.OnePerson, "Edit a person", "people",
              body=asked.PersonChange),
    Operation("GET", f"{PERSON}/draft", people.draft, schemas.Draft, "Draft a message",
              "people", query=asked.DraftQuery),
    Operation("GET", "/search", people.search, schemas.SearchResults, "Search", "people",
              query=asked.SearchQuery),
    Operation("POST", "/interactions", week.log, schemas.Logged, "Log an interaction",
              "interactions", body=asked.NewInteraction, status=201),
    Operation("GET", "/plan", week.plan, schemas.Plan, "This week's plan", "week",
              query=asked.PlanQuery),
    Operation("POST", "/plan/refresh", week.refresh_plan, schemas.Plan, "Choose the week again",
              "week", body=asked.Nothing),
    Operation("GET", "/today", week.today, schemas.Today, "Today", "week"),
    Operation("POST", "/picks/{person_id:int}/done", week.done, schemas.Done, "Done",
              "week", body=asked.PickDone),
    Operation("POST", "/picks/{person_id:int}/skip", week.skip, schemas.Skipped, "Skip",
              "week", body=asked.Nothing),
    Operation("POST", "/picks/{person_id:int}/snooze", week.snooze, schemas.Snoozed, "Snooze",
              "week", body=asked.Snooze),
    Operation("GET", "/claims", follow_ups.list_claims, schemas.Claims, "Claim notes",
              "claims", query=asked.ClaimsQuery),
    Operation("POST", "/claims/{person_id:int}/let-go", follow_ups.let_go, schemas.LetGo,
              "Let go", "claims", body=asked.LetGoBody),
    Operation("GET", "/todos", follow_ups.list_todos, schemas.Todos, "List follow-ups",
              "follow-ups", query=asked.TodosQuery),
    Operation("POST", "/todos", follow_ups.add_todo, schemas.OneTodo, "Add a follow-up",
              "follow-ups", body=asked.NewTodo, status=201),
    Operation("POST", "/todos/{todo_id:int}/done", follow_ups.close_todo, schemas.TodoDone,
              "Keep a follow-up", "follow-ups", body=asked.TodoDoneBody),
    Operation("POST", "/imports", imports.upload, schemas.ImportPlan, "Upload: a dry run",
              "imports", query=asked.UploadQuery, upload=True),
    Operation("POST", "/imports/{staged}/apply", imports.apply, schemas.ImportPlan,
              "Apply an upload", "imports", body=asked.Nothing),
)  # fmt: skip


def api_routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = [
        Route(op.path, endpoint(op), methods=[op.method]) for op in OPERATIONS
    ]
    return [*routes, Route("/{rest:path}", _elsewhere(routes), methods=list(ANY_METHOD))]


ANY_METHOD = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def _elsewhere(routes: list[BaseRoute]) -> Callable[[Request], Awaitable[Response]]:
    """JSON, never a page, for a path the API lacks (404) or a method a path lacks (405)."""

    async def answer(request: Request) -> Response:
        allowed = sorted(  # the scope's root_path is /api, as the Mount set it
            method
            for route in routes
            if isinstance(route, Route) and route.matches(request.scope)[0] is Match.PARTIAL
            for method in route.methods or ()
        )
        if allowed:
            answer = problem("method_not_allowed", f"{request.method} is not allowed here.", 405)
            answer.headers["Allow"] = ", ".join(allowed)  # RFC 9110 §15.5.6: a 405 names them
            return answer
        return problem("not_found", f"No API route {request.url.path}; see /openapi.json.", 404)

    return answer
