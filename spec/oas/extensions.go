package oas

// The x-apigen-* extensions carry what the doc knew beyond plain OpenAPI,
// so the generator can sign and unwrap, and readers can trace a schema back
// to the page. Other tools ignore them.
const (
	ExtProfile      = "x-apigen-profile"
	ExtEnvelope     = "x-apigen-envelope"   // the response wrapper: field names and success codes
	ExtAuth         = "x-apigen-auth"       // how requests are authenticated, with the recipe's cited source
	ExtCredential   = "x-apigen-credential" // on a parameter: the credential role that fills it
	ExtSource       = "x-apigen-source"     // on an operation: doc file and line
	ExtDocType      = "x-apigen-doc-type"   // on a property: the doc's type text as written
	ExtDocColumns   = "x-apigen-doc-columns"
	ExtDocEnum      = "x-apigen-doc-enum" // an enum the description states but the examples contradict
	ExtDocMaxLength = "x-apigen-doc-maxLength"
	ExtDocPattern   = "x-apigen-doc-pattern"
	ExtLayout       = "x-apigen-layout" // a date/time layout, canonical Java style
	ExtDocLayout    = "x-apigen-doc-layout"
	ExtSeparator    = "x-apigen-separator" // a string carrying several values joined by this
	ExtRequired     = "x-apigen-doc-required"
	ExtBodyStream   = "x-apigen-body-stream"
	ExtFromExample  = "x-apigen-from-example" // on a property: only the doc's example shows it
	ExtErrors       = "x-apigen-errors"       // on an operation: the doc's failure tables and examples, as written
	ExtPaging       = "x-apigen-paging"       // on an operation: how its list is paged (Paging)
	// ExtIdempotent on an operation, true or false, says whether sending
	// it twice does what sending it once does, whatever its method says:
	// a POST that only reads is; the generated client retries only those.
	ExtIdempotent = "x-apigen-idempotent"

	// ExtGoName on an operation, a component schema or a property is the
	// Go name the generator gives it: the generator writes its choices
	// back into the spec, so that the published spec pins the names users
	// compile against, and a config override can set one.
	ExtGoName = "x-go-name"

	// The 3.0 variant of a spec (To30) says in extensions what 3.0 has
	// no keyword for.
	ExtContentSchema    = "x-apigen-content-schema"     // on a string: the schema of the JSON it carries (3.1 contentSchema)
	ExtContentMediaType = "x-apigen-content-media-type" // on a string: the media type of what it carries (3.1 contentMediaType)
	ExtWebhooks         = "x-webhooks"                  // 3.1's webhooks; Redoc's name, which it renders as webhooks
	ExtOgenProperties   = "x-ogen-properties"           // on an object: ogen's Go field names by property, from x-go-name

	ExtEnumDescriptions = "x-enum-descriptions"
	ExtEnumVarNames     = "x-enum-varnames"

	// ExtOrder keeps the doc's property order in memory; Write emits the
	// properties in that order and drops the extension, Load restores it
	// from the file's key order.
	ExtOrder = "x-apigen-order"
)
