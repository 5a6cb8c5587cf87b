"""Language-free endpoints of the partner finder, outside i18n_patterns: the forms post here from
any language, and the signed links of the emails keep working whatever the reader's language."""

from django.urls import path

from . import views

urlpatterns = [
    path("twinning/requests/new/<int:page_id>/", views.submit_request, name="twinning_submit"),
    path("twinning/requests/<int:request_id>/contact/<int:page_id>/", views.contact, name="twinning_contact"),
    path("twinning/requests/<int:request_id>/link/<int:page_id>/", views.new_link, name="twinning_new_link"),
    path("twinning/manage/<str:token>/", views.manage, name="twinning_manage"),
    path("twinning/reply/<str:token>/", views.reply, name="twinning_reply"),
    path("twinning/report/<str:token>/", views.report, name="twinning_report"),
]
