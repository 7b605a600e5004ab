"""Admin for the clause library, the question bank and the drafting model; saves and deletes are audited."""

from django.contrib import admin

from spcomms.adminsite.base import AuditedAdmin
from spcomms.drafting.models import (
    AddresseeGroup,
    Clause,
    Draft,
    DraftClause,
    GroupMembership,
    Question,
    QuestionSet,
    QuestionSetItem,
)


@admin.register(Clause)
class ClauseAdmin(AuditedAdmin):
    list_display = ["key", "version", "title", "source"]
    search_fields = ["key", "title", "text"]


@admin.register(Question)
class QuestionAdmin(AuditedAdmin):
    list_display = ["qid", "version", "short_text", "source"]
    search_fields = ["qid", "text"]

    @admin.display(description="text")
    def short_text(self, question):
        return question.text[:100]


class QuestionSetItemInline(admin.TabularInline):
    model = QuestionSetItem
    extra = 1
    autocomplete_fields = ["question"]


@admin.register(QuestionSet)
class QuestionSetAdmin(AuditedAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]
    inlines = [QuestionSetItemInline]


class DraftClauseInline(admin.TabularInline):
    model = DraftClause
    extra = 0


@admin.register(Draft)
class DraftAdmin(AuditedAdmin):
    list_display = ["case", "letter_date", "press_release", "publication_days"]
    search_fields = ["case__title", "facts"]
    raw_id_fields = ["case"]
    inlines = [DraftClauseInline]


class MembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    raw_id_fields = ["case_addressee"]


@admin.register(AddresseeGroup)
class AddresseeGroupAdmin(AuditedAdmin):
    list_display = ["name", "case", "question_set", "generates"]
    list_filter = ["generates"]
    search_fields = ["name", "case__title"]
    raw_id_fields = ["case"]
    inlines = [MembershipInline]
