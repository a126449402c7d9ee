package bench

import "encoding/json"

// The plain structs are what a service might write by hand for the
// benchmarked bodies: the fields and JSON tags of the generated request
// types (waiqin.StartPlanRequest, waiqin.AddCustomerAmountExtRequest,
// waiqin.AddRegularPlanRequest, showdoc.CustomerInfoRequest) with plain Go
// types and no UnmarshalJSON of their own, decoded by encoding/json.
// Enums are strings. A decimal the spec allows as a number or a numeric
// string is a json.Number, which encoding/json fills from either; the
// generated types keep it in a string, which encoding/json fills only
// from a string.

// StartPlan is the body of waiqin's startPlan.
type StartPlan struct {
	Code    string `json:"code,omitempty"`
	EndDate string `json:"end_date,omitempty"`
}

// AddCustomerAmountExt is the body of waiqin's addCustomerAmountExt.
type AddCustomerAmountExt struct {
	ReqInfo []AddCustomerAmountExtReqInfo `json:"reqInfo,omitempty"`
}

// AddCustomerAmountExtReqInfo is an item of AddCustomerAmountExt.ReqInfo.
type AddCustomerAmountExtReqInfo struct {
	CmID   *int64                     `json:"cm_id,omitempty,string"`
	CmCode string                     `json:"cm_code,omitempty"`
	Data   []AddCustomerAmountExtData `json:"data,omitempty"`
}

// AddCustomerAmountExtData is an item of AddCustomerAmountExtReqInfo.Data.
type AddCustomerAmountExtData struct {
	Key   string `json:"key,omitempty"`
	Value string `json:"value,omitempty"`
}

// AddRegularPlan is the body of waiqin's addRegularPlan.
type AddRegularPlan struct {
	Code                     string                          `json:"code,omitempty"`
	Name                     string                          `json:"name,omitempty"`
	PlanTypeName             string                          `json:"planTypeName,omitempty"`
	Description              string                          `json:"description,omitempty"`
	StartDate                string                          `json:"startDate,omitempty"`
	EndDate                  string                          `json:"endDate,omitempty"`
	RecordFormName           string                          `json:"recordFormName,omitempty"`
	RecordAuditFormName      string                          `json:"recordAuditFormName,omitempty"`
	SpecificPds              string                          `json:"specificPds,omitempty"`
	Gifts                    string                          `json:"gifts,omitempty"`
	ApplyRangeDeptCode       string                          `json:"applyRangeDeptCode,omitempty"`
	ApplyRangeDeptName       string                          `json:"applyRangeDeptName,omitempty"`
	ActivityDefaultDateRange string                          `json:"activityDefaultDateRange,omitempty"`
	VisitExeFlag             string                          `json:"visitExeFlag,omitempty"`
	ItemNames                string                          `json:"itemNames,omitempty"`
	PayTypeName              string                          `json:"payTypeName,omitempty"`
	PlanBudgetAmount         json.Number                     `json:"planBudgetAmount,omitempty"`
	PredictEffectiveRatio    json.Number                     `json:"predictEffectiveRatio,omitempty"`
	PredictSaleAmount        json.Number                     `json:"predictSaleAmount,omitempty"`
	ApplyStartDate           string                          `json:"applyStartDate,omitempty"`
	ApplyEndDate             string                          `json:"applyEndDate,omitempty"`
	VerifyEndDate            string                          `json:"verifyEndDate,omitempty"`
	EmpCode                  string                          `json:"empCode,omitempty"`
	PlanItemMode             string                          `json:"planItemMode,omitempty"`
	CmRangeType              string                          `json:"cmRangeType,omitempty"`
	ItemCostStdList          []AddRegularPlanItemCostStd     `json:"itemCostStdList,omitempty"`
	ExtColums                []AddRegularPlanExtColum        `json:"extColums,omitempty"`
	ApplyRangeEmpCode        string                          `json:"applyRangeEmpCode,omitempty"`
	ReportRangeDeptCode      string                          `json:"reportRangeDeptCode,omitempty"`
	ReportRangeEmpCode       string                          `json:"reportRangeEmpCode,omitempty"`
	ReportRangeDeptName      string                          `json:"reportRangeDeptName,omitempty"`
	SettlementMode           string                          `json:"settlementMode,omitempty"`
	SettlementStageList      []AddRegularPlanSettlementStage `json:"settlementStageList,omitempty"`
	ApplyByCmRange           string                          `json:"applyByCmRange,omitempty"`
	CmTypeCode               string                          `json:"cmTypeCode,omitempty"`
	CmTypeName               string                          `json:"cmTypeName,omitempty"`
	KaSysName                string                          `json:"kaSysName,omitempty"`
	CmSaleAreaCode           string                          `json:"cmSaleAreaCode,omitempty"`
	CmSaleAreaName           string                          `json:"cmSaleAreaName,omitempty"`
	CmDeptCode               string                          `json:"cmDeptCode,omitempty"`
	CmDeptName               string                          `json:"cmDeptName,omitempty"`
}

// AddRegularPlanItemCostStd is an item of AddRegularPlan.ItemCostStdList.
type AddRegularPlanItemCostStd struct {
	ItemName              string `json:"itemName,omitempty"`
	CostStdName           string `json:"costStdName,omitempty"`
	ExecutionRequirements string `json:"executionRequirements,omitempty"`
	RedemptionAmount      string `json:"redemptionAmount,omitempty"`
	RedemptionPdCode      string `json:"redemptionPdCode,omitempty"`
	RedemptionQuantity    string `json:"redemptionQuantity,omitempty"`
	UnitName              string `json:"unitName,omitempty"`
}

// AddRegularPlanExtColum is an item of AddRegularPlan.ExtColums.
type AddRegularPlanExtColum struct {
	ExtKey   string `json:"ext_key,omitempty"`
	ExtValue string `json:"ext_value,omitempty"`
}

// AddRegularPlanSettlementStage is an item of
// AddRegularPlan.SettlementStageList.
type AddRegularPlanSettlementStage struct {
	SettlementStart string      `json:"settlementStart,omitempty"`
	SettlementEnd   string      `json:"settlementEnd,omitempty"`
	Ratio           json.Number `json:"ratio,omitempty"`
}

// CustomerInfo is the body of showdoc's customerInfo.
type CustomerInfo struct {
	Cid string `json:"cid"`
}
