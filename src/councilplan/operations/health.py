"""Whether the site can do its work: for the load balancer and monitoring."""

from django.db import DatabaseError, connection


def database_reachable() -> bool:
    """True when a query reaches the database and comes back."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return False
    return True
