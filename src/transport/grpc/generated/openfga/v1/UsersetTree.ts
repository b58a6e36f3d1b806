// Original file: proto/openfga/v1/openfga.proto


export interface _openfga_v1_UsersetTree_Computed {
  'userset'?: (string);
}

export interface _openfga_v1_UsersetTree_Computed__Output {
  'userset': (string);
}

export interface _openfga_v1_UsersetTree_Difference {
  'base'?: (_openfga_v1_UsersetTree_Node | null);
  'subtract'?: (_openfga_v1_UsersetTree_Node | null);
}

export interface _openfga_v1_UsersetTree_Difference__Output {
  'base': (_openfga_v1_UsersetTree_Node__Output | null);
  'subtract': (_openfga_v1_UsersetTree_Node__Output | null);
}

export interface _openfga_v1_UsersetTree_Leaf {
  'users'?: (_openfga_v1_UsersetTree_Users | null);
  'computed'?: (_openfga_v1_UsersetTree_Computed | null);
  'tuple_to_userset'?: (_openfga_v1_UsersetTree_TupleToUserset | null);
  'value'?: "users"|"computed"|"tuple_to_userset";
}

export interface _openfga_v1_UsersetTree_Leaf__Output {
  'users'?: (_openfga_v1_UsersetTree_Users__Output | null);
  'computed'?: (_openfga_v1_UsersetTree_Computed__Output | null);
  'tuple_to_userset'?: (_openfga_v1_UsersetTree_TupleToUserset__Output | null);
  'value'?: "users"|"computed"|"tuple_to_userset";
}

export interface _openfga_v1_UsersetTree_Node {
  'name'?: (string);
  'leaf'?: (_openfga_v1_UsersetTree_Leaf | null);
  'difference'?: (_openfga_v1_UsersetTree_Difference | null);
  'union'?: (_openfga_v1_UsersetTree_Nodes | null);
  'intersection'?: (_openfga_v1_UsersetTree_Nodes | null);
  'value'?: "leaf"|"difference"|"union"|"intersection";
}

export interface _openfga_v1_UsersetTree_Node__Output {
  'name': (string);
  'leaf'?: (_openfga_v1_UsersetTree_Leaf__Output | null);
  'difference'?: (_openfga_v1_UsersetTree_Difference__Output | null);
  'union'?: (_openfga_v1_UsersetTree_Nodes__Output | null);
  'intersection'?: (_openfga_v1_UsersetTree_Nodes__Output | null);
  'value'?: "leaf"|"difference"|"union"|"intersection";
}

export interface _openfga_v1_UsersetTree_Nodes {
  'nodes'?: (_openfga_v1_UsersetTree_Node)[];
}

export interface _openfga_v1_UsersetTree_Nodes__Output {
  'nodes': (_openfga_v1_UsersetTree_Node__Output)[];
}

export interface _openfga_v1_UsersetTree_TupleToUserset {
  'tupleset'?: (string);
  'computed'?: (_openfga_v1_UsersetTree_Computed)[];
}

export interface _openfga_v1_UsersetTree_TupleToUserset__Output {
  'tupleset': (string);
  'computed': (_openfga_v1_UsersetTree_Computed__Output)[];
}

export interface _openfga_v1_UsersetTree_Users {
  'users'?: (string)[];
}

export interface _openfga_v1_UsersetTree_Users__Output {
  'users': (string)[];
}

export interface UsersetTree {
  'root'?: (_openfga_v1_UsersetTree_Node | null);
}

export interface UsersetTree__Output {
  'root': (_openfga_v1_UsersetTree_Node__Output | null);
}
