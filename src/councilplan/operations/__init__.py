"""Running a councilplan site: backups."""
