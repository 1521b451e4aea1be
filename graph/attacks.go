package graph

import (
	"fmt"
	"strings"
)

// The attacks of issue 12 and their variations, as documents: the
// adversarial API tests (api_adversarial_test.go) and `tulkki bench
// --attack` send them to the server.

// FragmentBomb is `depth` fragments, each spreading the previous one twice:
// 2^(depth-1) fields from about 40 bytes a level.
func FragmentBomb(depth int) string {
	parts := []string{"fragment F0 on Query { __typename }"}
	for i := 1; i < depth; i++ {
		parts = append(parts, fmt.Sprintf("fragment F%d on Query { ...F%d ...F%d }", i, i-1, i-1))
	}
	return strings.Join(append(parts, fmt.Sprintf("{ ...F%d }", depth-1)), " ")
}

// RepeatedFields is `{ field field … }`, n times.
func RepeatedFields(field string, n int) string {
	return "{ " + strings.Repeat(field+" ", n) + "}"
}

// AliasedFields is n aliases of one field with its selection.
func AliasedFields(field string, n int) string {
	var b strings.Builder
	b.WriteString("{ ")
	for i := range n {
		fmt.Fprintf(&b, "a%d: %s ", i, field)
	}
	b.WriteString("}")
	return b.String()
}

// DeepNesting follows organisation → people → person → experiences →
// organisation `levels` times: 4 levels of fields each.
func DeepNesting(levels int) string {
	open := strings.Repeat("people { person { experiences { organisation { ", levels)
	return "{ organisation(id: \"x\") { " + open + "id" + strings.Repeat(" } } } }", levels) + " } }"
}
