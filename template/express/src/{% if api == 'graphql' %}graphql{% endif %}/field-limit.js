const { GraphQLError, Kind } = require("graphql");

const MAX_FIELDS = 100;
const INTROSPECTION = new Set(["__schema", "__type"]);

/**
 * A graphql-js ValidationRule: an operation may select at most MAX_FIELDS fields (docs/CONTRACT.md
 * "GraphQL"), so one small request cannot make the server build a huge answer. Every field node
 * counts, `__typename` and aliases included, with fragments expanded where they are spread (a
 * fragment spread twice counts twice). Runs with the other validation rules, before execution:
 * a document over the limit gets one error and no `data`.
 *
 * Introspection (`__schema`, `__type`) counts as one field each, whatever it selects below: the
 * standard introspection query that GraphiQL and schema tools send selects about 200 fields, its
 * size is bounded by the schema (graphql-js's MaxIntrospectionDepthRule stops deep nesting), and
 * production turns it off altogether.
 */
function FieldLimitRule(context) {
  const fragmentSizes = new Map(); // name -> fields in the fragment, expanded; computed once each

  function size(selectionSet, expanding) {
    let fields = 0;
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const introspection = INTROSPECTION.has(selection.name.value);
        fields += 1 + (introspection ? 0 : size(selection.selectionSet, expanding));
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        fields += size(selection.selectionSet, expanding);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        fields += fragmentSize(selection.name.value, expanding);
      }
    }
    return fields;
  }

  function fragmentSize(name, expanding) {
    if (fragmentSizes.has(name)) return fragmentSizes.get(name);
    const fragment = context.getFragment(name);
    // An unknown fragment or a cycle is another rule's error (KnownFragmentNames, NoFragmentCycles).
    if (!fragment || expanding.has(name)) return 0;
    expanding.add(name);
    const fields = size(fragment.selectionSet, expanding);
    expanding.delete(name);
    fragmentSizes.set(name, fields);
    return fields;
  }

  return {
    OperationDefinition(operation) {
      const fields = size(operation.selectionSet, new Set());
      if (fields > MAX_FIELDS) {
        context.reportError(
          new GraphQLError(
            `The operation selects ${fields} fields; at most ${MAX_FIELDS} are allowed.`,
            { nodes: [operation], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } },
          ),
        );
      }
      return false; // nothing below the operation is needed
    },
  };
}

module.exports = { FieldLimitRule, MAX_FIELDS };
