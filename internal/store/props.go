package store

import (
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j/dbtype"

	"github.com/tulkki/tulkki/internal/model"
)

// Queries return nodes as map projections; these helpers read their values
// without panicking on absent or null properties.

type props map[string]any

func asProps(v any) props {
	switch m := v.(type) {
	case map[string]any:
		return m
	case neo4j.Node:
		return m.Props
	}
	return nil
}

func (p props) str(key string) string {
	s, _ := p[key].(string)
	return s
}

func (p props) boolean(key string) bool {
	b, _ := p[key].(bool)
	return b
}

func (p props) integer(key string) int {
	i, _ := p[key].(int64)
	return int(i)
}

func (p props) strings(key string) []string {
	raw, _ := p[key].([]any)
	out := make([]string, 0, len(raw))
	for _, v := range raw {
		if s, ok := v.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

func (p props) time(key string) time.Time {
	t, _ := p[key].(time.Time)
	return t.UTC()
}

func (p props) date(key string) *model.Date {
	d, ok := p[key].(dbtype.Date)
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
