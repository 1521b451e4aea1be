package auth

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// errClaimsNotStrict is wrapped by every refusal of UnmarshalJSON below.
var errClaimsNotStrict = errors.New("token claims malformed")

// claimNames are the claims Tulkki reads; dateClaims must be JSON numbers.
var (
	claimNames = []string{"iss", "sub", "aud", "exp", "nbf", "iat", "jti", "roles", "orgs"}
	dateClaims = []string{"exp", "nbf", "iat"}
)

// UnmarshalJSON decodes the claims strictly. encoding/json matches names
// without regard to case and keeps the last of duplicate keys, and jwt's
// NumericDate takes a JSON string of digits, so a correctly signed token
// with "roles":["PROFESSIONAL"] and "ROLES":["ADMIN"], or with roles
// twice, would be read as whatever the last spelling says, and
// "exp":"9999999999" as a date. An identity provider never writes such a
// token; someone probing for a parser difference does. So a claim Tulkki
// reads must be spelt exactly, appear once, and a date must be a number.
// Other claims (an identity provider adds many) are left alone.
func (c *Claims) UnmarshalJSON(data []byte) error {
	if err := checkClaims(data); err != nil {
		return err
	}
	type plain Claims // without this method
	return json.Unmarshal(data, (*plain)(c))
}

// checkClaims walks the top level of the claims object.
func checkClaims(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fmt.Errorf("%w: not a JSON object", errClaimsNotStrict)
	}
	seen := map[string]bool{}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return fmt.Errorf("%w: %v", errClaimsNotStrict, err)
		}
		name, _ := t.(string)
		if seen[name] {
			return fmt.Errorf("%w: claim %q appears twice", errClaimsNotStrict, name)
		}
		seen[name] = true
		for _, known := range claimNames {
			if name != known && strings.EqualFold(name, known) {
				return fmt.Errorf("%w: claim %q is spelt %q", errClaimsNotStrict, known, name)
			}
		}
		var value any
		if err := dec.Decode(&value); err != nil {
			return fmt.Errorf("%w: %v", errClaimsNotStrict, err)
		}
		if _, isNumber := value.(json.Number); slices.Contains(dateClaims, name) && !isNumber {
			return fmt.Errorf("%w: claim %q is not a number", errClaimsNotStrict, name)
		}
	}
	return nil
}
