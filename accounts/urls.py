from django.urls import path

from . import two_factor_views, views

app_name = "accounts"

urlpatterns = [
    path("team/invite/", views.invite, name="invite"),
    path("team/two-factor/", two_factor_views.team_rule, name="team_two_factor"),
    path("team/join/<str:uidb64>/<str:token>/", views.join, name="join"),
    path("two-factor/", two_factor_views.device, name="two_factor"),
    path("two-factor/remove/", two_factor_views.remove, name="two_factor_remove"),
    path("two-factor/code/", two_factor_views.code, name="two_factor_code"),
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
