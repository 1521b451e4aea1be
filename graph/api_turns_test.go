package graph_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/tulkki/tulkki/graph"
	"github.com/tulkki/tulkki/internal/storetest"
)

// TestQueriesTakeTurns: with one turn, concurrent queries and mutations
// are all answered, each with its own data: queries wait for their turn
// rather than fail, and mutations (which do not take turns) go through
// while queries wait.
func TestQueriesTakeTurns(t *testing.T) {
	tests := []struct {
		name    string
		turns   int
		clients int
	}{
		{"one turn, twelve clients", 1, 12},
		{"no bound, twelve clients", -1, 12},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := newAPIWith(t, storetest.Open(t), func(o *graph.ServerOptions) { o.MaxRunningQueries = tt.turns })
			orgs := make([]string, tt.clients)
			for i := range orgs {
				orgs[i] = a.newOrg(map[string]any{"name": storetest.ID(fmt.Sprintf("Vuorot %d", i))})
			}
			var wg sync.WaitGroup
			for i, id := range orgs {
				wg.Go(func() {
					query := `query Org($id: ID!) { organisation(id: $id) { id } }`
					vars := map[string]any{"id": id}
					if i%4 == 3 {
						query = `mutation Rename($id: ID!, $name: String!) { updateOrganisation(id: $id, input: { name: $name }) { id } }`
						vars["name"] = storetest.ID(fmt.Sprintf("Vuorot uusi %d", i))
					}
					body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
					resp, out, err := a.roundTrip(http.MethodPost, "/graphql", body, a.bearer())
					if err != nil || resp.StatusCode != http.StatusOK || len(out.Errors) > 0 {
						t.Errorf("client %d: %v %v %+v", i, err, resp, out.Errors)
						return
					}
					var got map[string]struct{ ID string }
					if err := json.Unmarshal(out.Data, &got); err != nil {
						t.Errorf("client %d: %v", i, err)
						return
					}
					for _, v := range got {
						if v.ID != id {
							t.Errorf("client %d got organisation %q, want %q", i, v.ID, id)
						}
					}
				})
			}
			wg.Wait()
		})
	}
}
