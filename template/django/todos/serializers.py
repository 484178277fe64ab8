"""Request and response bodies of /api/todos."""

from rest_framework import serializers

from core.serializers import StrictBooleanField, StrictCharField, UTCDateTimeField
from todos.models import Todo


class TodoSerializer(serializers.ModelSerializer):
    # Trimmed first, then 1..200 characters (characters, not bytes).
    title = StrictCharField(max_length=200)
    done = StrictBooleanField(default=False)
    created_at = UTCDateTimeField(read_only=True)
    updated_at = UTCDateTimeField(read_only=True)

    class Meta:
        model = Todo
        fields = ("id", "title", "done", "created_at", "updated_at")
        read_only_fields = ("id",)


# The largest signed 64-bit integer: the databases' OFFSET bound. A bigger offset is out of range
# (422) like any other, instead of an OverflowError in the database driver (500).
MAX_OFFSET = 2**63 - 1


class TodoListQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(default=20, min_value=1, max_value=100)
    offset = serializers.IntegerField(default=0, min_value=0, max_value=MAX_OFFSET)
    done = serializers.ChoiceField(choices=("true", "false"), required=False)


class TodoPageSerializer(serializers.Serializer):
    items = TodoSerializer(many=True)
    total = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()
