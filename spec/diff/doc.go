// Package diff compares two OpenAPI documents and classes every change as
// breaking or compatible for the clients of the API.
//
// Compare walks paths, operations, parameters, request bodies, responses
// and their headers, and through every schema they reach: $refs are
// followed through kin-openapi's resolved values, nested objects and arrays
// are named like reqInfo[].data[].key, additionalProperties as meta{}, and
// the JSON carried inside a string (contentMediaType + contentSchema, as in
// an envelope's response_data) as response_data(json).plan_id. A schema
// that contains itself is not entered again below itself, so recursive
// types end; one reached by two routes is compared on each, since each
// route is a place where clients meet the change.
//
// # Why a comparer of our own rather than oasdiff
//
// oasdiff (github.com/oasdiff/oasdiff) was tried first. v1.35.0 builds and
// passes its own diff and checker tests against kin-openapi v0.152.0 (it
// asks for v0.151.0; module selection keeps ours), and it handles 3.1 type
// arrays (widened, narrowed, "null" as nullability) and walks contentSchema.
// It does not fit this package's contract, though:
//
//   - Each change must carry a JSON pointer and a field path in our
//     notation. oasdiff's changes keep the schema node and property path
//     unexported and expose positional, per-rule message arguments whose
//     paths spell array items as "/items", which a property named "items"
//     makes ambiguous; recovering either would mean walking the schemas
//     again beside it.
//   - Its classes differ from the ones apigen's users asked for: a removed
//     request property is only a warning and a removed optional response
//     property is informational, while a client generated from the old doc
//     keeps sending or reading every field its table listed. Summary and
//     description edits are not reported at all, and neither are
//     x-apigen-* extensions, some of which change the wire (signing,
//     envelope, date layouts, separators).
//   - It would add about ten modules to the build (jsondiff, four tidwall
//     modules, cloud.google.com/go, go-color, a second YAML library...),
//     move go-openapi/jsonpointer to v1 under kin-openapi, grow the binary
//     by about 8 MB, and make every kin-openapi upgrade wait until oasdiff
//     builds against it (kin-openapi is pre-1.0 and changes its API between
//     minor versions).
//
// The documents apigen compares are the ones its own spec stage writes, a
// small and known vocabulary, so a focused walk over kin-openapi's model
// covers them, and keeps the messages in the doc's terms (the vendor's
// VARCHAR(32) appears next to the OpenAPI type that replaced it).
//
// # Classes
//
// A change is breaking when a client or server built from the old document
// can fail against the new one. Requests and responses are judged in
// opposite directions: narrowing what a request accepts breaks callers,
// widening what a response sends breaks readers. Three deliberate choices:
//
//   - A removed field is breaking on both sides, required or not: doc
//     tables seldom mark response fields required, and code reading the
//     field loses it all the same.
//   - Bounds on response values (lengths, ranges, patterns, enums) are
//     compatible whichever way they move. They describe what the server
//     sends; apigen's clients read leniently and do not enforce them, and a
//     vendor widening VARCHAR(32) to VARCHAR(64) should not fail a build.
//     Response types and nullability still count, since they decide how a
//     value decodes.
//   - Editorial and traceability data (examples, x-apigen-source,
//     x-apigen-order) is left out: it moves with every edit of the doc.
package diff
