"""/api/v1/: the API object, its routers (the more specific paths first: an item key may hold
slashes), its problem documents, the OpenAPI description and the browsable docs."""

from django.urls import path
from ninja import NinjaAPI

from councilplan.api import imports, measures, plans, published, updates
from councilplan.api.problems import problems_install

api = NinjaAPI(
    title="councilplan API",
    version="1",
    description="A council's plans, their progress and their published reports. Read with a "
    "personal API token (Authorization: Bearer cpk_…) or the website's sign-in; published "
    "plans need neither. Errors are RFC 9457 problem details.",
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)
problems_install(api)
api.add_router("", published.router)
api.add_router("", updates.router)
api.add_router("", measures.router)
api.add_router("", imports.router)
api.add_router("", plans.router)

urlpatterns = [path("api/v1/", api.urls)]
