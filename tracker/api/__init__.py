"""The REST API under /api/v1/: thin DRF views over the same selectors, services, filtersets and access checks as the pages."""
