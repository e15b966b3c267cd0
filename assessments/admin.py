from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from assessments.models import Assessment, CriterionScore


class ScoreInline(admin.TabularInline):
    model = CriterionScore
    fields = ["criterion_name", "weight", "score", "notes", "evidence"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Assessment)
class AssessmentAdmin(SimpleHistoryAdmin):
    list_display = ["year", "kim", "score", "suggested", "confirmed"]
    list_filter = ["year"]
    search_fields = ["kim__name", "kim__district__code"]
    readonly_fields = ["kim", "year", "assessed_on", "score", "suggested", "confirmed", "confirmed_by", "assessed_by"]
    inlines = [ScoreInline]

    def has_add_permission(self, request):
        return False  # one path: assessments.services.assessment_save, which computes the score
