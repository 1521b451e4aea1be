package scalar

import "github.com/99designs/gqlgen/graphql"

// MarshalID writes an ID as gqlgen does.
func MarshalID(s string) graphql.Marshaler { return graphql.MarshalID(s) }

// UnmarshalID reads an ID as gqlgen does, except null: gqlgen reads it as
// the string "null", so an optional ID whose Go field is a plain string (a
// filter's topicId) sent as null filtered by an id nobody has. Here null is
// "", not given.
func UnmarshalID(v any) (string, error) {
	if v == nil {
		return "", nil
	}
	return graphql.UnmarshalID(v)
}
