package model

// Selection is what a request asked for of an entity: its fields, each under
// its response key. The GraphQL edge builds it from the query; the store
// reads exactly these fields, and the nested entities among them in the same
// statement (store/projection.go), so a page of people with their stints and
// organisations is one read, not one per level.
type Selection []SelectedField

// SelectedField is one selected field.
type SelectedField struct {
	// Key is the response key: the alias when there is one, else Name.
	Key string
	// Name is the schema field.
	Name string
	// Args are the field's arguments with variables resolved, as GraphQL
	// values (enums as strings).
	Args map[string]any
	// Sub is what is selected inside an object or list field.
	Sub Selection
}

// PageRead is what to read of a page of a list.
type PageRead struct {
	// Fields are the fields of each item.
	Fields Selection
	// Count asks for the total number of items (totalCount): it costs a
	// second pass over the matching nodes, so it is read only when asked.
	Count bool
}

// Nested holds the fields of an entity that were read together with it,
// by response key: a []*Experience under "experiences", a *Organisation
// (nil when hidden) under "organisation". The GraphQL resolvers use these
// instead of reading again; a key that is absent was not read.
type Nested map[string]any

// Set stores v under key, creating the map when needed.
func (n *Nested) Set(key string, v any) {
	if *n == nil {
		*n = Nested{}
	}
	(*n)[key] = v
}
