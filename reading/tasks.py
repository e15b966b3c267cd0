"""Background tasks, run by `manage.py db_worker` (django-tasks' database backend): never in a request."""

from django_tasks import task

from reading import services


@task()
def read_scans(reading_id):
    """OCR one SK's (or draft's) scans and store the text and the suggested fields."""
    return services.perform_reading(reading_id)
