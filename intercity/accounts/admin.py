from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from intercity.accounts.models import RoleGrant, User


class RoleGrantInline(admin.TabularInline[RoleGrant, User]):
    model = RoleGrant
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(User)
class IntercityUserAdmin(UserAdmin[User]):
    inlines = [RoleGrantInline]
