package store

import (
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/tulkki/tulkki/internal/model"
)

// Queries return nodes as map projections, and the general read path
// (projection.go) returns positional rows; the decoders read both through
// fields, without panicking on absent or null values.

// fields is one entity as a query returned it.
type fields interface {
	// absent is true when there is no entity (a null in the result).
	absent() bool
	// lookup returns the value under key and whether the query returned one.
	lookup(key string) (any, bool)
	str(key string) string
	boolean(key string) bool
	integer(key string) int
	strings(key string) []string
	time(key string) time.Time
	date(key string) *model.Date
}

// props is a map projection or a node's properties.
type props map[string]any

var _ fields = props(nil)

func asProps(v any) props {
	switch m := v.(type) {
	case map[string]any:
		return m
	case neo4j.Node:
		return m.Props
	}
	return nil
}

func (p props) absent() bool                  { return p == nil }
func (p props) lookup(key string) (any, bool) { v, ok := p[key]; return v, ok }
func (p props) str(key string) string         { return asString(p[key]) }
func (p props) boolean(key string) bool       { return asBool(p[key]) }
func (p props) integer(key string) int        { return asInt(p[key]) }
func (p props) strings(key string) []string   { return asStrings(p[key]) }
func (p props) time(key string) time.Time     { return asTime(p[key]) }
func (p props) date(key string) *model.Date   { return asDate(p[key]) }

func asString(v any) string {
	s, _ := v.(string)
	return s
}

func asBool(v any) bool {
	b, _ := v.(bool)
	return b
}

func asInt(v any) int {
	i, _ := v.(int64)
	return int(i)
}

func asStrings(v any) []string {
	raw, _ := v.([]any)
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func asTime(v any) time.Time {
	t, _ := v.(time.Time)
	return t.UTC()
}

func asDate(v any) *model.Date {
	d, ok := v.(dbtype.Date)
	if !ok {
		return nil
	}
	md := model.DateOf(time.Time(d))
	return &md
}

// dateParam converts a date to Neo4j's DATE, or nil for no date.
func dateParam(d *model.Date) any {
	if d == nil {
		return nil
	}
	return dbtype.Date(d.Time())
}

func recordValue(r *neo4j.Record, key string) any {
	v, _ := r.Get(key)
	return v
}

func recordProps(r *neo4j.Record, key string) props { return asProps(recordValue(r, key)) }

func recordList(r *neo4j.Record, key string) []any {
	l, _ := recordValue(r, key).([]any)
	return l
}
