"""Routes of the knowledge module's clusters pages: every network's clusters, a cluster's
page and its actions, the Secretariat's activity across clusters, a cluster's Atom feed."""

from django.urls import URLPattern, URLResolver, path

from intercity.knowledge import views_clusters as views

urlpatterns: list[URLPattern | URLResolver] = [
    path("knowledge/clusters/", views.clusters, name="knowledge_clusters"),
    path("knowledge/clusters/activity/", views.activity, name="knowledge_cluster_activity"),
    path("knowledge/clusters/<int:pk>/", views.cluster, name="knowledge_cluster"),
    path("knowledge/clusters/<int:pk>/feed.atom", views.atom, name="knowledge_cluster_atom"),
    path("knowledge/clusters/<int:pk>/join/", views.join, name="knowledge_cluster_join"),
    path("knowledge/clusters/<int:pk>/leave/", views.leave, name="knowledge_cluster_leave"),
    path(
        "knowledge/clusters/<int:pk>/stakeholders/",
        views.add_stakeholder,
        name="knowledge_cluster_add_stakeholder",
    ),
    path("knowledge/clusters/<int:pk>/cities/", views.add_city, name="knowledge_cluster_add_city"),
    path("knowledge/clusters/<int:pk>/lead/", views.set_lead, name="knowledge_cluster_set_lead"),
    path(
        "knowledge/clusters/<int:pk>/members/<int:member_id>/remove/",
        views.remove_member,
        name="knowledge_cluster_remove_member",
    ),
    path(
        "knowledge/clusters/<int:pk>/description/",
        views.edit_description,
        name="knowledge_cluster_description",
    ),
    path(
        "knowledge/clusters/<int:pk>/events/", views.add_event, name="knowledge_cluster_add_event"
    ),
    path(
        "knowledge/clusters/<int:pk>/events/<int:event_id>/",
        views.edit_event,
        name="knowledge_cluster_event",
    ),
    path(
        "knowledge/clusters/<int:pk>/events/<int:event_id>/remove/",
        views.remove_event,
        name="knowledge_cluster_remove_event",
    ),
    path("knowledge/clusters/<int:pk>/news/", views.post_news, name="knowledge_cluster_news"),
    path("knowledge/clusters/<int:pk>/open/", views.open_cluster, name="knowledge_cluster_open"),
    path("knowledge/clusters/<int:pk>/close/", views.close_cluster, name="knowledge_cluster_close"),
]
