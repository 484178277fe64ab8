from rest_framework.routers import SimpleRouter

from todos.views import TodoViewSet

# /api/todos and /api/todos/<uuid:pk>; an id that is not a UUID matches no route: 404.
router = SimpleRouter(trailing_slash=False, use_regex_path=False)
router.register("todos", TodoViewSet, basename="todo")

urlpatterns = router.urls
