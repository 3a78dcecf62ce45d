from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("team/invite/", views.invite, name="invite"),
    path("team/join/<str:uidb64>/<str:token>/", views.join, name="join"),
    path("password-reset/sent/", views.PasswordResetDone.as_view(), name="password_reset_done"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        views.PasswordResetConfirm.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        views.PasswordResetComplete.as_view(),
        name="password_reset_complete",
    ),
]
