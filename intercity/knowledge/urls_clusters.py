"""Routes of the knowledge module's clusters pages (placeholders until the part is built)."""

from django.urls import path

from intercity.knowledge import views

urlpatterns = [
    path("knowledge/clusters/", views.home, name="knowledge_clusters"),
    path("knowledge/clusters/<int:pk>/", views.home, name="knowledge_cluster"),
]
