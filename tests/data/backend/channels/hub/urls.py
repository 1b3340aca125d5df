from django.urls import path

from hub.board import views

urlpatterns = [
    path("api/board/<int:pk>/", views.BoardView.as_view()),
]
