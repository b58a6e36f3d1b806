import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { ContextualTupleKeys as _openfga_v1_ContextualTupleKeys, ContextualTupleKeys__Output as _openfga_v1_ContextualTupleKeys__Output } from './openfga/v1/ContextualTupleKeys.js';
import type { Object as _openfga_v1_Object, Object__Output as _openfga_v1_Object__Output } from './openfga/v1/Object.js';
import type { RelationshipCondition as _openfga_v1_RelationshipCondition, RelationshipCondition__Output as _openfga_v1_RelationshipCondition__Output } from './openfga/v1/RelationshipCondition.js';
import type { Store as _openfga_v1_Store, Store__Output as _openfga_v1_Store__Output } from './openfga/v1/Store.js';
import type { Tuple as _openfga_v1_Tuple, Tuple__Output as _openfga_v1_Tuple__Output } from './openfga/v1/Tuple.js';
import type { TupleChange as _openfga_v1_TupleChange, TupleChange__Output as _openfga_v1_TupleChange__Output } from './openfga/v1/TupleChange.js';
import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from './openfga/v1/TupleKey.js';
import type { TupleKeyWithoutCondition as _openfga_v1_TupleKeyWithoutCondition, TupleKeyWithoutCondition__Output as _openfga_v1_TupleKeyWithoutCondition__Output } from './openfga/v1/TupleKeyWithoutCondition.js';
import type { TupleKeys as _openfga_v1_TupleKeys, TupleKeys__Output as _openfga_v1_TupleKeys__Output } from './openfga/v1/TupleKeys.js';
import type { TypedWildcard as _openfga_v1_TypedWildcard, TypedWildcard__Output as _openfga_v1_TypedWildcard__Output } from './openfga/v1/TypedWildcard.js';
import type { User as _openfga_v1_User, User__Output as _openfga_v1_User__Output } from './openfga/v1/User.js';
import type { UserTypeFilter as _openfga_v1_UserTypeFilter, UserTypeFilter__Output as _openfga_v1_UserTypeFilter__Output } from './openfga/v1/UserTypeFilter.js';
import type { UsersetTree as _openfga_v1_UsersetTree, UsersetTree__Output as _openfga_v1_UsersetTree__Output } from './openfga/v1/UsersetTree.js';
import type { UsersetUser as _openfga_v1_UsersetUser, UsersetUser__Output as _openfga_v1_UsersetUser__Output } from './openfga/v1/UsersetUser.js';
import type { ApiClient as _relata_v1_ApiClient, ApiClient__Output as _relata_v1_ApiClient__Output } from './relata/v1/ApiClient.js';
import type { ApiClientGrant as _relata_v1_ApiClientGrant, ApiClientGrant__Output as _relata_v1_ApiClientGrant__Output } from './relata/v1/ApiClientGrant.js';
import type { ApiClientRequest as _relata_v1_ApiClientRequest, ApiClientRequest__Output as _relata_v1_ApiClientRequest__Output } from './relata/v1/ApiClientRequest.js';
import type { ApiClientResponse as _relata_v1_ApiClientResponse, ApiClientResponse__Output as _relata_v1_ApiClientResponse__Output } from './relata/v1/ApiClientResponse.js';
import type { AuditChainVerification as _relata_v1_AuditChainVerification, AuditChainVerification__Output as _relata_v1_AuditChainVerification__Output } from './relata/v1/AuditChainVerification.js';
import type { AuditCount as _relata_v1_AuditCount, AuditCount__Output as _relata_v1_AuditCount__Output } from './relata/v1/AuditCount.js';
import type { AuditRecord as _relata_v1_AuditRecord, AuditRecord__Output as _relata_v1_AuditRecord__Output } from './relata/v1/AuditRecord.js';
import type { AuditReportRequest as _relata_v1_AuditReportRequest, AuditReportRequest__Output as _relata_v1_AuditReportRequest__Output } from './relata/v1/AuditReportRequest.js';
import type { AuditReportResponse as _relata_v1_AuditReportResponse, AuditReportResponse__Output as _relata_v1_AuditReportResponse__Output } from './relata/v1/AuditReportResponse.js';
import type { AuthzenActions as _relata_v1_AuthzenActions, AuthzenActions__Output as _relata_v1_AuthzenActions__Output } from './relata/v1/AuthzenActions.js';
import type { ConditionFailure as _relata_v1_ConditionFailure, ConditionFailure__Output as _relata_v1_ConditionFailure__Output } from './relata/v1/ConditionFailure.js';
import type { CreateApiClientRequest as _relata_v1_CreateApiClientRequest, CreateApiClientRequest__Output as _relata_v1_CreateApiClientRequest__Output } from './relata/v1/CreateApiClientRequest.js';
import type { DeleteApiClientResponse as _relata_v1_DeleteApiClientResponse, DeleteApiClientResponse__Output as _relata_v1_DeleteApiClientResponse__Output } from './relata/v1/DeleteApiClientResponse.js';
import type { DeleteTuplesRequest as _relata_v1_DeleteTuplesRequest, DeleteTuplesRequest__Output as _relata_v1_DeleteTuplesRequest__Output } from './relata/v1/DeleteTuplesRequest.js';
import type { DeleteTuplesResponse as _relata_v1_DeleteTuplesResponse, DeleteTuplesResponse__Output as _relata_v1_DeleteTuplesResponse__Output } from './relata/v1/DeleteTuplesResponse.js';
import type { DenialSpike as _relata_v1_DenialSpike, DenialSpike__Output as _relata_v1_DenialSpike__Output } from './relata/v1/DenialSpike.js';
import type { IssuedApiClientResponse as _relata_v1_IssuedApiClientResponse, IssuedApiClientResponse__Output as _relata_v1_IssuedApiClientResponse__Output } from './relata/v1/IssuedApiClientResponse.js';
import type { ListApiClientsRequest as _relata_v1_ListApiClientsRequest, ListApiClientsRequest__Output as _relata_v1_ListApiClientsRequest__Output } from './relata/v1/ListApiClientsRequest.js';
import type { ListApiClientsResponse as _relata_v1_ListApiClientsResponse, ListApiClientsResponse__Output as _relata_v1_ListApiClientsResponse__Output } from './relata/v1/ListApiClientsResponse.js';
import type { ListObjectsPageRequest as _relata_v1_ListObjectsPageRequest, ListObjectsPageRequest__Output as _relata_v1_ListObjectsPageRequest__Output } from './relata/v1/ListObjectsPageRequest.js';
import type { ListObjectsPageResponse as _relata_v1_ListObjectsPageResponse, ListObjectsPageResponse__Output as _relata_v1_ListObjectsPageResponse__Output } from './relata/v1/ListObjectsPageResponse.js';
import type { ReadAuditRecordsRequest as _relata_v1_ReadAuditRecordsRequest, ReadAuditRecordsRequest__Output as _relata_v1_ReadAuditRecordsRequest__Output } from './relata/v1/ReadAuditRecordsRequest.js';
import type { ReadAuditRecordsResponse as _relata_v1_ReadAuditRecordsResponse, ReadAuditRecordsResponse__Output as _relata_v1_ReadAuditRecordsResponse__Output } from './relata/v1/ReadAuditRecordsResponse.js';
import type { ReadAuthzenActionsRequest as _relata_v1_ReadAuthzenActionsRequest, ReadAuthzenActionsRequest__Output as _relata_v1_ReadAuthzenActionsRequest__Output } from './relata/v1/ReadAuthzenActionsRequest.js';
import type { RelataServiceClient as _relata_v1_RelataServiceClient, RelataServiceDefinition as _relata_v1_RelataServiceDefinition } from './relata/v1/RelataService.js';
import type { TypeActions as _relata_v1_TypeActions, TypeActions__Output as _relata_v1_TypeActions__Output } from './relata/v1/TypeActions.js';
import type { VerifyAuditRequest as _relata_v1_VerifyAuditRequest, VerifyAuditRequest__Output as _relata_v1_VerifyAuditRequest__Output } from './relata/v1/VerifyAuditRequest.js';
import type { VerifyAuditResponse as _relata_v1_VerifyAuditResponse, VerifyAuditResponse__Output as _relata_v1_VerifyAuditResponse__Output } from './relata/v1/VerifyAuditResponse.js';
import type { WriteAuthzenActionsRequest as _relata_v1_WriteAuthzenActionsRequest, WriteAuthzenActionsRequest__Output as _relata_v1_WriteAuthzenActionsRequest__Output } from './relata/v1/WriteAuthzenActionsRequest.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  openfga: {
    v1: {
      ConsistencyPreference: EnumTypeDefinition
      ContextualTupleKeys: MessageTypeDefinition<_openfga_v1_ContextualTupleKeys, _openfga_v1_ContextualTupleKeys__Output>
      Object: MessageTypeDefinition<_openfga_v1_Object, _openfga_v1_Object__Output>
      RelationshipCondition: MessageTypeDefinition<_openfga_v1_RelationshipCondition, _openfga_v1_RelationshipCondition__Output>
      Store: MessageTypeDefinition<_openfga_v1_Store, _openfga_v1_Store__Output>
      Tuple: MessageTypeDefinition<_openfga_v1_Tuple, _openfga_v1_Tuple__Output>
      TupleChange: MessageTypeDefinition<_openfga_v1_TupleChange, _openfga_v1_TupleChange__Output>
      TupleKey: MessageTypeDefinition<_openfga_v1_TupleKey, _openfga_v1_TupleKey__Output>
      TupleKeyWithoutCondition: MessageTypeDefinition<_openfga_v1_TupleKeyWithoutCondition, _openfga_v1_TupleKeyWithoutCondition__Output>
      TupleKeys: MessageTypeDefinition<_openfga_v1_TupleKeys, _openfga_v1_TupleKeys__Output>
      TupleOperation: EnumTypeDefinition
      TypedWildcard: MessageTypeDefinition<_openfga_v1_TypedWildcard, _openfga_v1_TypedWildcard__Output>
      User: MessageTypeDefinition<_openfga_v1_User, _openfga_v1_User__Output>
      UserTypeFilter: MessageTypeDefinition<_openfga_v1_UserTypeFilter, _openfga_v1_UserTypeFilter__Output>
      UsersetTree: MessageTypeDefinition<_openfga_v1_UsersetTree, _openfga_v1_UsersetTree__Output>
      UsersetUser: MessageTypeDefinition<_openfga_v1_UsersetUser, _openfga_v1_UsersetUser__Output>
    }
  }
  relata: {
    v1: {
      ApiClient: MessageTypeDefinition<_relata_v1_ApiClient, _relata_v1_ApiClient__Output>
      ApiClientGrant: MessageTypeDefinition<_relata_v1_ApiClientGrant, _relata_v1_ApiClientGrant__Output>
      ApiClientRequest: MessageTypeDefinition<_relata_v1_ApiClientRequest, _relata_v1_ApiClientRequest__Output>
      ApiClientResponse: MessageTypeDefinition<_relata_v1_ApiClientResponse, _relata_v1_ApiClientResponse__Output>
      AuditChainVerification: MessageTypeDefinition<_relata_v1_AuditChainVerification, _relata_v1_AuditChainVerification__Output>
      AuditCount: MessageTypeDefinition<_relata_v1_AuditCount, _relata_v1_AuditCount__Output>
      AuditRecord: MessageTypeDefinition<_relata_v1_AuditRecord, _relata_v1_AuditRecord__Output>
      AuditReportRequest: MessageTypeDefinition<_relata_v1_AuditReportRequest, _relata_v1_AuditReportRequest__Output>
      AuditReportResponse: MessageTypeDefinition<_relata_v1_AuditReportResponse, _relata_v1_AuditReportResponse__Output>
      AuthzenActions: MessageTypeDefinition<_relata_v1_AuthzenActions, _relata_v1_AuthzenActions__Output>
      ConditionFailure: MessageTypeDefinition<_relata_v1_ConditionFailure, _relata_v1_ConditionFailure__Output>
      CreateApiClientRequest: MessageTypeDefinition<_relata_v1_CreateApiClientRequest, _relata_v1_CreateApiClientRequest__Output>
      DeleteApiClientResponse: MessageTypeDefinition<_relata_v1_DeleteApiClientResponse, _relata_v1_DeleteApiClientResponse__Output>
      DeleteTuplesRequest: MessageTypeDefinition<_relata_v1_DeleteTuplesRequest, _relata_v1_DeleteTuplesRequest__Output>
      DeleteTuplesResponse: MessageTypeDefinition<_relata_v1_DeleteTuplesResponse, _relata_v1_DeleteTuplesResponse__Output>
      DenialSpike: MessageTypeDefinition<_relata_v1_DenialSpike, _relata_v1_DenialSpike__Output>
      IssuedApiClientResponse: MessageTypeDefinition<_relata_v1_IssuedApiClientResponse, _relata_v1_IssuedApiClientResponse__Output>
      ListApiClientsRequest: MessageTypeDefinition<_relata_v1_ListApiClientsRequest, _relata_v1_ListApiClientsRequest__Output>
      ListApiClientsResponse: MessageTypeDefinition<_relata_v1_ListApiClientsResponse, _relata_v1_ListApiClientsResponse__Output>
      ListObjectsPageRequest: MessageTypeDefinition<_relata_v1_ListObjectsPageRequest, _relata_v1_ListObjectsPageRequest__Output>
      ListObjectsPageResponse: MessageTypeDefinition<_relata_v1_ListObjectsPageResponse, _relata_v1_ListObjectsPageResponse__Output>
      ReadAuditRecordsRequest: MessageTypeDefinition<_relata_v1_ReadAuditRecordsRequest, _relata_v1_ReadAuditRecordsRequest__Output>
      ReadAuditRecordsResponse: MessageTypeDefinition<_relata_v1_ReadAuditRecordsResponse, _relata_v1_ReadAuditRecordsResponse__Output>
      ReadAuthzenActionsRequest: MessageTypeDefinition<_relata_v1_ReadAuthzenActionsRequest, _relata_v1_ReadAuthzenActionsRequest__Output>
      RelataService: SubtypeConstructor<typeof grpc.Client, _relata_v1_RelataServiceClient> & { service: _relata_v1_RelataServiceDefinition }
      TypeActions: MessageTypeDefinition<_relata_v1_TypeActions, _relata_v1_TypeActions__Output>
      VerifyAuditRequest: MessageTypeDefinition<_relata_v1_VerifyAuditRequest, _relata_v1_VerifyAuditRequest__Output>
      VerifyAuditResponse: MessageTypeDefinition<_relata_v1_VerifyAuditResponse, _relata_v1_VerifyAuditResponse__Output>
      WriteAuthzenActionsRequest: MessageTypeDefinition<_relata_v1_WriteAuthzenActionsRequest, _relata_v1_WriteAuthzenActionsRequest__Output>
    }
  }
}

