package store

import (
	"encoding/base64"
	"encoding/json"

	"github.com/tulkki/tulkki/internal/errs"
)

// Lists are paged by keyset, not offset: a cursor holds the sort key and id
// of the last item seen, so inserts before it do not shift later pages.
type cursor struct {
	Key string `json:"k"`
	ID  string `json:"i"`
}

func encodeCursor(key, id string) string {
	raw, _ := json.Marshal(cursor{Key: key, ID: id})
	return base64.RawURLEncoding.EncodeToString(raw)
}

// decodeCursor reads an `after` argument; nil means from the start.
func decodeCursor(after *string) (*cursor, error) {
	if after == nil || *after == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*after)
	var c cursor
	if err == nil {
		err = json.Unmarshal(raw, &c)
	}
	if err != nil || c.ID == "" {
		return nil, errs.Invalid("after", "the cursor %q is malformed; pass an endCursor or edge cursor from an earlier page", *after)
	}
	return &c, nil
}

// keysetParams adds the cursor's parameters for the keyset clause
// `n.<key> > $afterKey OR (n.<key> = $afterKey AND n.id > $afterId)` that
// listQuery.cypher adds to pages after the first.
func keysetParams(params map[string]any, c *cursor) {
	if c != nil {
		params["afterKey"], params["afterId"] = c.Key, c.ID
	}
}
