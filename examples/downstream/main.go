// Command downstream shows a module using an apigen-generated client: it
// queries customer balances from the Waiqin365 open API.
//
// Without -url it starts the generated mock server on a loopback port,
// so it runs offline and prints the doc's own example:
//
//	go run .
//	go run . -url https://openapi.waiqin365.com -openid ID -appkey KEY -code CUS030
package main

import (
	"context"
	"flag"
	"fmt"
	"log"
	"net/http/httptest"
	"os"
	"time"

	"example.com/downstream/client"
)

func main() {
	baseURL := flag.String("url", "", "API base `URL`; empty: a local mock")
	openID := flag.String("openid", "demo-openid", "the tenant's `openid`")
	appKey := flag.String("appkey", "demo-appkey", "the tenant's app `key`, used to sign requests")
	code := flag.String("code", "", "only the customer with this `code`")
	flag.Parse()

	if *baseURL == "" {
		// The mock checks signatures like the vendor does, so a signing
		// mistake shows up here and not first in production.
		verifier := &client.WaiqinVerifier{AppKeys: map[string]string{*openID: *appKey}}
		srv := httptest.NewServer(client.NewHandler(client.Mock{}, client.WithVerifier(verifier)))
		defer srv.Close()
		*baseURL = srv.URL
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	api := client.NewClient(*baseURL, *openID, *appKey)
	req := &client.QueryCustomerAmountExtRequest{CmCode: *code}
	if err := req.Validate(); err != nil {
		log.Fatal(err)
	}
	// Every customer, page after page: the next page is fetched when the
	// loop has used the one before.
	for c, err := range api.QueryCustomerAmountExtAll(ctx, req) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Fprintf(os.Stdout, "%s %s: credit %s, usable %s\n", c.Code, c.Name, c.CmCredit, c.CmCanUseCredit)
	}
}
