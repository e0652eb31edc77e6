"""Registry record pages: mines, mining rights, exploration rights, profiles, the coordinate check."""

from django.urls import path

from greenmine.registry.views import exploration, mines, rights, tools

urlpatterns = [
    path("mines/", mines.mine_list, name="mine_list"),
    path("mines/new/", mines.mine_create, name="mine_create"),
    path("mines/<int:pk>/", mines.mine_detail, name="mine_detail"),
    path("mines/<int:pk>/edit/", mines.mine_edit, name="mine_edit"),
    path("rights/", rights.right_list, name="right_list"),
    path("rights/new/", rights.right_create, name="right_create"),
    path("rights/<int:pk>/", rights.right_detail, name="right_detail"),
    path("rights/<int:pk>/edit/", rights.right_edit, name="right_edit"),
    path("rights/<int:pk>/boundary.geojson", rights.right_geojson, name="right_geojson"),
    path("rights/<int:pk>/boundary.txt", rights.right_licence_text, name="right_licence_text"),
    path("rights/boundary-check/", rights.boundary_check, name="boundary_check"),
    path("exploration/", exploration.exploration_list, name="exploration_list"),
    path("exploration/new/", exploration.exploration_create, name="exploration_create"),
    path("exploration/<int:pk>/", exploration.exploration_detail, name="exploration_detail"),
    path("exploration/<int:pk>/edit/", exploration.exploration_edit, name="exploration_edit"),
    path("exploration/<int:pk>/projects/new/", exploration.project_create, name="project_create"),
    path(
        "organisations/<int:pk>/enterprise-profile/",
        exploration.enterprise_profile_edit,
        name="enterprise_profile_edit",
    ),
    path(
        "organisations/<int:pk>/township-profile/",
        exploration.township_profile_edit,
        name="township_profile_edit",
    ),
    path("coordinates/", tools.coords_check, name="coords_check"),
]
