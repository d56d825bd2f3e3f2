"""No copy of a page, list, export, PDF or document in any browser or proxy cache."""

from django.utils.cache import add_never_cache_headers


class NoStoreMiddleware:
    """Marks every response the application renders `Cache-Control: no-store`.

    Everything Avhopp renders is about people under threat or is the authority's
    case handling, so nothing may stay behind in a shared computer's browser cache,
    its back-button history or a proxy. Static files are not affected: whitenoise
    answers for them above this middleware, with its own long cache lifetimes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Cache-Control: max-age=0, no-cache, no-store, must-revalidate, private
        # and Expires now, as Django's never_cache sends.
        add_never_cache_headers(response)
        # For HTTP/1.0 caches, which know no Cache-Control.
        response.headers.setdefault("Pragma", "no-cache")
        return response
