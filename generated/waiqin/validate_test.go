package waiqin_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/apigen/apigen/generated/e2etest"
	"github.com/apigen/apigen/generated/waiqin"
)

type validatable interface{ Validate() error }

type ruleCase struct {
	name  string
	value validatable
	want  []waiqin.Violation // nil when the value is valid
}

func runRuleCases(t *testing.T, cases []ruleCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			checkViolations(t, tc.value.Validate(), tc.want)
		})
	}
}

func checkViolations(t *testing.T, err error, want []waiqin.Violation) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("Validate() = %v, want nil", err)
		}
		return
	}
	var ve *waiqin.ValidationError
	if !errors.As(err, &ve) {
		t.Fatalf("Validate() = %v, want a *ValidationError", err)
	}
	if !reflect.DeepEqual(ve.Violations, want) {
		t.Fatalf("violations:\n%s\nwant:\n%s", listViolations(ve.Violations), listViolations(want))
	}
}

func listViolations(vs []waiqin.Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s: %s\n", v.Path, v.Message)
	}
	return b.String()
}

func one(path, msg string) []waiqin.Violation { return []waiqin.Violation{{Path: path, Message: msg}} }

func TestValidateMaxLength(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// VARCHAR(100) counts characters: 100 Chinese characters are 300 bytes.
		{"100 Chinese characters", &waiqin.AddRegularPlanRequest{Code: strings.Repeat("方", 100)}, nil},
		{"101 Chinese characters", &waiqin.AddRegularPlanRequest{Code: strings.Repeat("方", 101)}, one("code", "longer than 100 characters")},
		{"100 ASCII characters", &waiqin.AddRegularPlanRequest{Name: strings.Repeat("a", 100)}, nil},
		{"101 ASCII characters", &waiqin.AddRegularPlanRequest{Name: strings.Repeat("a", 101)}, one("name", "longer than 100 characters")},
		{"mixed, at the limit", &waiqin.AddCustomerAmountExtRequestReqInfoItemDataItem{Key: strings.Repeat("金a", 100)}, nil},
		{"mixed, over", &waiqin.AddCustomerAmountExtRequestReqInfoItemDataItem{Key: strings.Repeat("金a", 100) + "额"}, one("key", "longer than 200 characters")},
		{"VARCHAR(4000)", &waiqin.AddRegularPlanRequest{Description: strings.Repeat("说", 4001)}, one("description", "longer than 4000 characters")},
		{"empty", &waiqin.AddRegularPlanRequest{}, nil},
	})
}

// data.value of addCustomerAmountExt is documented as numbers only.
func TestValidatePattern(t *testing.T) {
	const numeric = `does not match ^-?[0-9]+(\.[0-9]+)?$`
	request := func(value string) *waiqin.AddCustomerAmountExtRequest {
		return &waiqin.AddCustomerAmountExtRequest{ReqInfo: []waiqin.AddCustomerAmountExtRequestReqInfoItem{
			{CmCode: "CUS030", Data: []waiqin.AddCustomerAmountExtRequestReqInfoItemDataItem{{Key: "客户应收", Value: "12.00"}}},
			{CmCode: "CUS031", Data: []waiqin.AddCustomerAmountExtRequestReqInfoItemDataItem{{Key: "客户应收", Value: value}, {Key: "返利费用", Value: "1"}}},
		}}
	}
	var cases []ruleCase
	for _, ok := range []string{"12.00", "22.99", "-3", "0", "1234567890.123", ""} {
		cases = append(cases, ruleCase{"valid " + ok, request(ok), nil})
	}
	for _, bad := range []string{"十二", "12,00", "1e3", " 12", "12.", ".5", "+1", "12元"} {
		cases = append(cases, ruleCase{"invalid " + bad, request(bad), one("reqInfo[1].data[0].value", numeric)})
	}
	runRuleCases(t, cases)
}

func TestValidateDates(t *testing.T) {
	const date = "not a date (yyyy-MM-dd)"
	runRuleCases(t, []ruleCase{
		{"date", &waiqin.AddRegularPlanRequest{StartDate: "2024-01-01", EndDate: "2024-02-15"}, nil},
		{"date with slashes", &waiqin.AddRegularPlanRequest{StartDate: "2024/01/01"}, one("startDate", date)},
		{"date without dashes", &waiqin.AddRegularPlanRequest{EndDate: "20240215"}, one("endDate", date)},
		{"date with a time", &waiqin.AddRegularPlanRequest{ApplyStartDate: "2024-01-01 00:00:00"}, one("applyStartDate", date)},
		{"date in a query", &waiqin.QueryCustomerAmountExtRequest{CreateDate: "2024-1-1"}, one("create_date", date)},

		{"yyyy-MM-dd HH:mm:ss", &waiqin.QueryEndRecordsRequest{StartTime: "2024-01-01 08:30:00", EndTime: "2024-12-31 23:59:59"}, nil},
		{"yyyy-MM-dd HH:mm:ss without seconds", &waiqin.QueryEndRecordsRequest{StartTime: "2024-01-01 08:30"},
			one("start_time", "not in the layout yyyy-MM-dd HH:mm:ss")},
		{"yyyy-MM-dd HH:mm:ss as RFC 3339", &waiqin.QueryEndRecordsRequest{EndTime: "2024-01-01T08:30:00"},
			one("end_time", "not in the layout yyyy-MM-dd HH:mm:ss")},
		{"yyyy-MM-dd HH:mm:ss as a date", &waiqin.SaveRegularReportRequest{ReportTime: "2024-01-01"},
			one("report_time", "not in the layout yyyy-MM-dd HH:mm:ss")},

		{"yyyy-MM-dd HH:mm", &waiqin.QueryEndRecordsResult{EndTime: "2024-01-01 08:30"}, nil},
		{"yyyy-MM-dd HH:mm with seconds", &waiqin.QueryEndRecordsResult{EndTime: "2024-01-01 08:30:00"},
			one("end_time", "not in the layout yyyy-MM-dd HH:mm")},
	})
}

func TestValidateEnums(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"typed constant", &waiqin.AddRegularPlanRequest{
			ActivityDefaultDateRange: waiqin.AddRegularPlanRequestActivityDefaultDateRangePlan,
			PlanItemMode:             waiqin.AddRegularPlanRequestPlanItemMode3,
			SettlementMode:           waiqin.AddRegularPlanRequestSettlementMode2,
		}, nil},
		{"absent", &waiqin.AddRegularPlanRequest{ActivityDefaultDateRange: ""}, nil},
		{"wrong case", &waiqin.AddRegularPlanRequest{ActivityDefaultDateRange: "plan"},
			one("activityDefaultDateRange", "not one of EMPTY, PLAN")},
		{"undocumented code", &waiqin.AddRegularPlanRequest{PlanItemMode: "2"}, one("planItemMode", "not one of 1, 3")},
		// settlementMode is VARCHAR(1) as well: both rules report.
		{"two rules", &waiqin.AddRegularPlanRequest{SettlementMode: "12"}, []waiqin.Violation{
			{Path: "settlementMode", Message: "not one of 1, 2"},
			{Path: "settlementMode", Message: "longer than 1 characters"},
		}},
		{"in a list item", &waiqin.AddFeastActivityRequest{PredictGifts: []waiqin.AddFeastActivityRequestPredictGiftsItem{
			{GiftUserType: "1"}, {GiftUserType: "4"},
		}}, one("predictGifts[1].giftUserType", "not one of 1, 2, 3")},
	})

	// Codes sent as numbers decode to the typed constants.
	var req waiqin.AddRegularPlanRequest
	if err := json.Unmarshal([]byte(`{"planItemMode":3,"settlementMode":"2","activityDefaultDateRange":""}`), &req); err != nil {
		t.Fatal(err)
	}
	if req.PlanItemMode != waiqin.AddRegularPlanRequestPlanItemMode3 || req.SettlementMode != waiqin.AddRegularPlanRequestSettlementMode2 {
		t.Fatalf("decoded %+v", req)
	}
	checkViolations(t, req.Validate(), nil)
}

func TestValidateDecimal(t *testing.T) {
	runRuleCases(t, []ruleCase{
		// NUMERIC(20,2): 18 integer digits and 2 decimals.
		{"NUMERIC(20,2) full", &waiqin.AddRegularPlanRequest{PlanBudgetAmount: "123456789012345678.99"}, nil},
		{"NUMERIC(20,2) negative", &waiqin.AddRegularPlanRequest{PredictSaleAmount: "-0.5"}, nil},
		{"NUMERIC(20,2) integer", &waiqin.AddRegularPlanRequest{PredictEffectiveRatio: "3"}, nil},
		{"NUMERIC(20,2) 19 integer digits", &waiqin.AddRegularPlanRequest{PlanBudgetAmount: "1234567890123456789"},
			one("planBudgetAmount", "too many digits")},
		{"NUMERIC(20,2) 3 decimals", &waiqin.AddRegularPlanRequest{PlanBudgetAmount: "1.999"}, one("planBudgetAmount", "too many digits")},
		{"not a number", &waiqin.AddRegularPlanRequest{PlanBudgetAmount: "一百"}, one("planBudgetAmount", "not a decimal number")},
		{"exponent", &waiqin.AddRegularPlanRequest{PlanBudgetAmount: "1e5"}, one("planBudgetAmount", "not a decimal number")},
		{"NaN", &waiqin.AddRegularPlanRequest{PlanBudgetAmount: "NaN"}, one("planBudgetAmount", "not a decimal number")},
		// NUMERIC(10,2): 8 integer digits.
		{"NUMERIC(10,2) full", &waiqin.QueryCustomerAmountExtResult{CmCredit: "12345678.90"}, nil},
		{"NUMERIC(10,2) over", &waiqin.QueryCustomerAmountExtResult{CmCredit: "123456789"}, one("cm_credit", "too many digits")},
		// NUMERIC(15,2): 13 integer digits.
		{"NUMERIC(15,2) full", &waiqin.QueryEndRecordsResult{EndAmount: "1234567890123.45"}, nil},
		{"NUMERIC(15,2) over", &waiqin.QueryEndRecordsResult{EndAmount: "12345678901234"}, one("end_amount", "too many digits")},
		{"in a list item", &waiqin.AuditRegularActivityRequest{UpdateSubs: []waiqin.AuditRegularActivityRequestUpdateSubsItem{
			{ApplyAmount: "1.5"}, {ApplyAmount: "0.001"},
		}}, one("updateSubs[1].applyAmount", "too many digits")},
	})

	// Amounts sent as numbers keep their digits.
	var req waiqin.AddRegularPlanRequest
	if err := json.Unmarshal([]byte(`{"planBudgetAmount":12.50,"predictSaleAmount":"100"}`), &req); err != nil {
		t.Fatal(err)
	}
	if req.PlanBudgetAmount != "12.50" || req.PredictSaleAmount != "100" {
		t.Fatalf("decoded %q %q", req.PlanBudgetAmount, req.PredictSaleAmount)
	}
	checkViolations(t, req.Validate(), nil)
}

func TestValidateMaximum(t *testing.T) {
	n := func(v int32) *int32 { return &v }
	runRuleCases(t, []ruleCase{
		{"absent", &waiqin.QueryCustomerAmountExtRequest{}, nil},
		{"at the maximum", &waiqin.QueryCustomerAmountExtRequest{PageLength: n(1000)}, nil},
		{"over the maximum", &waiqin.QueryCustomerAmountExtRequest{PageLength: n(1001)}, one("page_length", "greater than 1000")},
		{"zero", &waiqin.QueryCustomerAmountExtRequest{PageLength: n(0)}, nil},
	})

	var req waiqin.QueryCustomerAmountExtRequest
	if err := json.Unmarshal([]byte(`{"page_number":"1","page_length":"5000"}`), &req); err != nil {
		t.Fatal(err)
	}
	checkViolations(t, req.Validate(), one("page_length", "greater than 1000"))
}

func TestValidateNested(t *testing.T) {
	runRuleCases(t, []ruleCase{
		{"lists of objects", &waiqin.AddRegularPlanRequest{
			SettlementStageList: []waiqin.AddRegularPlanRequestSettlementStageItem{
				{SettlementStart: "2024-01-01", SettlementEnd: "2024-01-31", Ratio: "3"},
				{SettlementStart: "2024-02-01", SettlementEnd: "2024-03", Ratio: "三"},
			},
			ItemCostStdList: []waiqin.AddRegularPlanRequestItemCostStdItem{
				{ItemName: "付费陈列"}, {ItemName: "端架"}, {UnitName: strings.Repeat("箱", 33)},
			},
		}, []waiqin.Violation{
			{Path: "itemCostStdList[2].unitName", Message: "longer than 32 characters"},
			{Path: "settlementStageList[1].settlementEnd", Message: "not a date (yyyy-MM-dd)"},
			{Path: "settlementStageList[1].ratio", Message: `does not match ^-?[0-9]+(\.[0-9]+)?$`},
		}},
		{"two levels of lists", &waiqin.AddDisplayActivityRequest{CmList: []waiqin.AddDisplayActivityRequestCmItem{
			{CmCode: "C1"},
			{CmCode: "C2", ItemList: []waiqin.AddDisplayActivityRequestCmItemItemItem{
				{Name: "ok"}, {Desc: strings.Repeat("述", 1001)},
			}},
		}}, one("cm_list[1].item_list[1].desc", "longer than 1000 characters")},
	})
}

// One error lists every violation, in field order, each with its path.
func TestValidateReportsEveryViolation(t *testing.T) {
	req := &waiqin.AddRegularPlanRequest{
		Code:                     strings.Repeat("码", 101),
		StartDate:                "2024-1-1",
		ActivityDefaultDateRange: "ALL",
		PlanBudgetAmount:         "1.234",
		SettlementStageList: []waiqin.AddRegularPlanRequestSettlementStageItem{
			{SettlementStart: "yesterday"},
		},
	}
	err := fmt.Errorf("addRegularPlan: %w", req.Validate())
	want := []waiqin.Violation{
		{Path: "code", Message: "longer than 100 characters"},
		{Path: "startDate", Message: "not a date (yyyy-MM-dd)"},
		{Path: "activityDefaultDateRange", Message: "not one of EMPTY, PLAN"},
		{Path: "planBudgetAmount", Message: "too many digits"},
		{Path: "settlementStageList[0].settlementStart", Message: "not a date (yyyy-MM-dd)"},
	}
	checkViolations(t, err, want)
	const text = "addRegularPlan: code: longer than 100 characters; startDate: not a date (yyyy-MM-dd); " +
		"activityDefaultDateRange: not one of EMPTY, PLAN; planBudgetAmount: too many digits; " +
		"settlementStageList[0].settlementStart: not a date (yyyy-MM-dd)"
	if err.Error() != text {
		t.Fatalf("Error() = %q", err.Error())
	}
}

// The server path: the doc's own example decoded leniently is valid, and
// one bad value in it is reported where it sits.
func TestValidateDecodedExample(t *testing.T) {
	examples := requestExamples(t)
	var req waiqin.AddCustomerAmountExtRequest
	if err := json.Unmarshal(examples["addCustomerAmountExt"], &req); err != nil {
		t.Fatal(err)
	}
	checkViolations(t, req.Validate(), nil)
	req.ReqInfo[1].Data[0].Value = "二十二"
	req.ReqInfo[0].Data[6].Value = "12.00元"
	checkViolations(t, req.Validate(), []waiqin.Violation{
		{Path: "reqInfo[0].data[6].value", Message: `does not match ^-?[0-9]+(\.[0-9]+)?$`},
		{Path: "reqInfo[1].data[0].value", Message: `does not match ^-?[0-9]+(\.[0-9]+)?$`},
	})
}

// requestExamples returns the request body example of every operation.
func requestExamples(t testing.TB) map[string]json.RawMessage {
	t.Helper()
	_, ops := e2etest.Load(t, "openapi.yaml")
	out := map[string]json.RawMessage{}
	for _, op := range ops {
		out[op.ID] = op.Request
	}
	return out
}

// Validating a valid value allocates nothing, for every operation's
// documented request.
func TestValidateDoesNotAllocate(t *testing.T) {
	if raceEnabled {
		t.Skip("sync.Pool, and so regexp matching, allocates under the race detector")
	}
	_, ops := e2etest.Load(t, "openapi.yaml")
	mock := reflect.ValueOf(waiqin.Mock{})
	checked := 0
	for _, op := range ops {
		m := mock.MethodByName(op.GoName)
		if !m.IsValid() || m.Type().NumIn() != 2 || op.Request == nil {
			continue
		}
		req, ok := reflect.New(m.Type().In(1).Elem()).Interface().(interface {
			json.Unmarshaler
			validatable
		})
		if !ok {
			continue
		}
		if err := req.UnmarshalJSON(op.Request); err != nil {
			t.Fatalf("%s: %v", op.ID, err)
		}
		if err := req.Validate(); err != nil {
			t.Errorf("%s: the doc's example is invalid: %v", op.ID, err)
			continue
		}
		if allocs := testing.AllocsPerRun(200, func() { _ = req.Validate() }); allocs != 0 {
			t.Errorf("%s: Validate allocates %v times per call", op.ID, allocs)
		}
		checked++
	}
	if checked < 40 {
		t.Fatalf("checked %d operations, want the 40 or more with a request example", checked)
	}
}
