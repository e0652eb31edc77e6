"""Registry pages: mines, mining rights, exploration rights and projects, profiles, the coordinate check.
They parse input, call the services and render; every record is fetched through the permission primitive."""
