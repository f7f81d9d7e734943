"""Who is who: organizations, members, ID numbers, changes of standing."""
