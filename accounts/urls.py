from django.urls import path

from accounts import views

urlpatterns = [
    path("tvafaktor/", views.two_factor_verify, name="two_factor_verify"),
    path("tvafaktor/aktivera/", views.two_factor_setup, name="two_factor_setup"),
    path("nytt-losenord/", views.password_choose, name="password_choose"),
    path("losenord/", views.password_change, name="password_change"),
]
