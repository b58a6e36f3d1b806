import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { BoolValue as _google_protobuf_BoolValue, BoolValue__Output as _google_protobuf_BoolValue__Output } from './google/protobuf/BoolValue.js';
import type { BytesValue as _google_protobuf_BytesValue, BytesValue__Output as _google_protobuf_BytesValue__Output } from './google/protobuf/BytesValue.js';
import type { DoubleValue as _google_protobuf_DoubleValue, DoubleValue__Output as _google_protobuf_DoubleValue__Output } from './google/protobuf/DoubleValue.js';
import type { FloatValue as _google_protobuf_FloatValue, FloatValue__Output as _google_protobuf_FloatValue__Output } from './google/protobuf/FloatValue.js';
import type { Int32Value as _google_protobuf_Int32Value, Int32Value__Output as _google_protobuf_Int32Value__Output } from './google/protobuf/Int32Value.js';
import type { Int64Value as _google_protobuf_Int64Value, Int64Value__Output as _google_protobuf_Int64Value__Output } from './google/protobuf/Int64Value.js';
import type { ListValue as _google_protobuf_ListValue, ListValue__Output as _google_protobuf_ListValue__Output } from './google/protobuf/ListValue.js';
import type { StringValue as _google_protobuf_StringValue, StringValue__Output as _google_protobuf_StringValue__Output } from './google/protobuf/StringValue.js';
import type { Struct as _google_protobuf_Struct, Struct__Output as _google_protobuf_Struct__Output } from './google/protobuf/Struct.js';
import type { Timestamp as _google_protobuf_Timestamp, Timestamp__Output as _google_protobuf_Timestamp__Output } from './google/protobuf/Timestamp.js';
import type { UInt32Value as _google_protobuf_UInt32Value, UInt32Value__Output as _google_protobuf_UInt32Value__Output } from './google/protobuf/UInt32Value.js';
import type { UInt64Value as _google_protobuf_UInt64Value, UInt64Value__Output as _google_protobuf_UInt64Value__Output } from './google/protobuf/UInt64Value.js';
import type { Value as _google_protobuf_Value, Value__Output as _google_protobuf_Value__Output } from './google/protobuf/Value.js';
import type { Assertion as _openfga_v1_Assertion, Assertion__Output as _openfga_v1_Assertion__Output } from './openfga/v1/Assertion.js';
import type { AssertionTupleKey as _openfga_v1_AssertionTupleKey, AssertionTupleKey__Output as _openfga_v1_AssertionTupleKey__Output } from './openfga/v1/AssertionTupleKey.js';
import type { Assertions as _openfga_v1_Assertions, Assertions__Output as _openfga_v1_Assertions__Output } from './openfga/v1/Assertions.js';
import type { AuthorizationModel as _openfga_v1_AuthorizationModel, AuthorizationModel__Output as _openfga_v1_AuthorizationModel__Output } from './openfga/v1/AuthorizationModel.js';
import type { BatchCheckItem as _openfga_v1_BatchCheckItem, BatchCheckItem__Output as _openfga_v1_BatchCheckItem__Output } from './openfga/v1/BatchCheckItem.js';
import type { BatchCheckRequest as _openfga_v1_BatchCheckRequest, BatchCheckRequest__Output as _openfga_v1_BatchCheckRequest__Output } from './openfga/v1/BatchCheckRequest.js';
import type { BatchCheckResponse as _openfga_v1_BatchCheckResponse, BatchCheckResponse__Output as _openfga_v1_BatchCheckResponse__Output } from './openfga/v1/BatchCheckResponse.js';
import type { BatchCheckSingleResult as _openfga_v1_BatchCheckSingleResult, BatchCheckSingleResult__Output as _openfga_v1_BatchCheckSingleResult__Output } from './openfga/v1/BatchCheckSingleResult.js';
import type { CheckError as _openfga_v1_CheckError, CheckError__Output as _openfga_v1_CheckError__Output } from './openfga/v1/CheckError.js';
import type { CheckRequest as _openfga_v1_CheckRequest, CheckRequest__Output as _openfga_v1_CheckRequest__Output } from './openfga/v1/CheckRequest.js';
import type { CheckRequestTupleKey as _openfga_v1_CheckRequestTupleKey, CheckRequestTupleKey__Output as _openfga_v1_CheckRequestTupleKey__Output } from './openfga/v1/CheckRequestTupleKey.js';
import type { CheckResponse as _openfga_v1_CheckResponse, CheckResponse__Output as _openfga_v1_CheckResponse__Output } from './openfga/v1/CheckResponse.js';
import type { ComputedUserset as _openfga_v1_ComputedUserset, ComputedUserset__Output as _openfga_v1_ComputedUserset__Output } from './openfga/v1/ComputedUserset.js';
import type { Condition as _openfga_v1_Condition, Condition__Output as _openfga_v1_Condition__Output } from './openfga/v1/Condition.js';
import type { ConditionMetadata as _openfga_v1_ConditionMetadata, ConditionMetadata__Output as _openfga_v1_ConditionMetadata__Output } from './openfga/v1/ConditionMetadata.js';
import type { ConditionParamTypeRef as _openfga_v1_ConditionParamTypeRef, ConditionParamTypeRef__Output as _openfga_v1_ConditionParamTypeRef__Output } from './openfga/v1/ConditionParamTypeRef.js';
import type { ContextualTupleKeys as _openfga_v1_ContextualTupleKeys, ContextualTupleKeys__Output as _openfga_v1_ContextualTupleKeys__Output } from './openfga/v1/ContextualTupleKeys.js';
import type { CreateStoreRequest as _openfga_v1_CreateStoreRequest, CreateStoreRequest__Output as _openfga_v1_CreateStoreRequest__Output } from './openfga/v1/CreateStoreRequest.js';
import type { CreateStoreResponse as _openfga_v1_CreateStoreResponse, CreateStoreResponse__Output as _openfga_v1_CreateStoreResponse__Output } from './openfga/v1/CreateStoreResponse.js';
import type { DeleteStoreRequest as _openfga_v1_DeleteStoreRequest, DeleteStoreRequest__Output as _openfga_v1_DeleteStoreRequest__Output } from './openfga/v1/DeleteStoreRequest.js';
import type { DeleteStoreResponse as _openfga_v1_DeleteStoreResponse, DeleteStoreResponse__Output as _openfga_v1_DeleteStoreResponse__Output } from './openfga/v1/DeleteStoreResponse.js';
import type { Difference as _openfga_v1_Difference, Difference__Output as _openfga_v1_Difference__Output } from './openfga/v1/Difference.js';
import type { DirectUserset as _openfga_v1_DirectUserset, DirectUserset__Output as _openfga_v1_DirectUserset__Output } from './openfga/v1/DirectUserset.js';
import type { ExpandRequest as _openfga_v1_ExpandRequest, ExpandRequest__Output as _openfga_v1_ExpandRequest__Output } from './openfga/v1/ExpandRequest.js';
import type { ExpandRequestTupleKey as _openfga_v1_ExpandRequestTupleKey, ExpandRequestTupleKey__Output as _openfga_v1_ExpandRequestTupleKey__Output } from './openfga/v1/ExpandRequestTupleKey.js';
import type { ExpandResponse as _openfga_v1_ExpandResponse, ExpandResponse__Output as _openfga_v1_ExpandResponse__Output } from './openfga/v1/ExpandResponse.js';
import type { GetStoreRequest as _openfga_v1_GetStoreRequest, GetStoreRequest__Output as _openfga_v1_GetStoreRequest__Output } from './openfga/v1/GetStoreRequest.js';
import type { GetStoreResponse as _openfga_v1_GetStoreResponse, GetStoreResponse__Output as _openfga_v1_GetStoreResponse__Output } from './openfga/v1/GetStoreResponse.js';
import type { ListObjectsRequest as _openfga_v1_ListObjectsRequest, ListObjectsRequest__Output as _openfga_v1_ListObjectsRequest__Output } from './openfga/v1/ListObjectsRequest.js';
import type { ListObjectsResponse as _openfga_v1_ListObjectsResponse, ListObjectsResponse__Output as _openfga_v1_ListObjectsResponse__Output } from './openfga/v1/ListObjectsResponse.js';
import type { ListStoresRequest as _openfga_v1_ListStoresRequest, ListStoresRequest__Output as _openfga_v1_ListStoresRequest__Output } from './openfga/v1/ListStoresRequest.js';
import type { ListStoresResponse as _openfga_v1_ListStoresResponse, ListStoresResponse__Output as _openfga_v1_ListStoresResponse__Output } from './openfga/v1/ListStoresResponse.js';
import type { ListUsersRequest as _openfga_v1_ListUsersRequest, ListUsersRequest__Output as _openfga_v1_ListUsersRequest__Output } from './openfga/v1/ListUsersRequest.js';
import type { ListUsersResponse as _openfga_v1_ListUsersResponse, ListUsersResponse__Output as _openfga_v1_ListUsersResponse__Output } from './openfga/v1/ListUsersResponse.js';
import type { Metadata as _openfga_v1_Metadata, Metadata__Output as _openfga_v1_Metadata__Output } from './openfga/v1/Metadata.js';
import type { Object as _openfga_v1_Object, Object__Output as _openfga_v1_Object__Output } from './openfga/v1/Object.js';
import type { ObjectRelation as _openfga_v1_ObjectRelation, ObjectRelation__Output as _openfga_v1_ObjectRelation__Output } from './openfga/v1/ObjectRelation.js';
import type { OpenFGAServiceClient as _openfga_v1_OpenFGAServiceClient, OpenFGAServiceDefinition as _openfga_v1_OpenFGAServiceDefinition } from './openfga/v1/OpenFGAService.js';
import type { ReadAssertionsRequest as _openfga_v1_ReadAssertionsRequest, ReadAssertionsRequest__Output as _openfga_v1_ReadAssertionsRequest__Output } from './openfga/v1/ReadAssertionsRequest.js';
import type { ReadAssertionsResponse as _openfga_v1_ReadAssertionsResponse, ReadAssertionsResponse__Output as _openfga_v1_ReadAssertionsResponse__Output } from './openfga/v1/ReadAssertionsResponse.js';
import type { ReadAuthorizationModelRequest as _openfga_v1_ReadAuthorizationModelRequest, ReadAuthorizationModelRequest__Output as _openfga_v1_ReadAuthorizationModelRequest__Output } from './openfga/v1/ReadAuthorizationModelRequest.js';
import type { ReadAuthorizationModelResponse as _openfga_v1_ReadAuthorizationModelResponse, ReadAuthorizationModelResponse__Output as _openfga_v1_ReadAuthorizationModelResponse__Output } from './openfga/v1/ReadAuthorizationModelResponse.js';
import type { ReadAuthorizationModelsRequest as _openfga_v1_ReadAuthorizationModelsRequest, ReadAuthorizationModelsRequest__Output as _openfga_v1_ReadAuthorizationModelsRequest__Output } from './openfga/v1/ReadAuthorizationModelsRequest.js';
import type { ReadAuthorizationModelsResponse as _openfga_v1_ReadAuthorizationModelsResponse, ReadAuthorizationModelsResponse__Output as _openfga_v1_ReadAuthorizationModelsResponse__Output } from './openfga/v1/ReadAuthorizationModelsResponse.js';
import type { ReadChangesRequest as _openfga_v1_ReadChangesRequest, ReadChangesRequest__Output as _openfga_v1_ReadChangesRequest__Output } from './openfga/v1/ReadChangesRequest.js';
import type { ReadChangesResponse as _openfga_v1_ReadChangesResponse, ReadChangesResponse__Output as _openfga_v1_ReadChangesResponse__Output } from './openfga/v1/ReadChangesResponse.js';
import type { ReadRequest as _openfga_v1_ReadRequest, ReadRequest__Output as _openfga_v1_ReadRequest__Output } from './openfga/v1/ReadRequest.js';
import type { ReadRequestTupleKey as _openfga_v1_ReadRequestTupleKey, ReadRequestTupleKey__Output as _openfga_v1_ReadRequestTupleKey__Output } from './openfga/v1/ReadRequestTupleKey.js';
import type { ReadResponse as _openfga_v1_ReadResponse, ReadResponse__Output as _openfga_v1_ReadResponse__Output } from './openfga/v1/ReadResponse.js';
import type { Relation as _openfga_v1_Relation, Relation__Output as _openfga_v1_Relation__Output } from './openfga/v1/Relation.js';
import type { RelationMetadata as _openfga_v1_RelationMetadata, RelationMetadata__Output as _openfga_v1_RelationMetadata__Output } from './openfga/v1/RelationMetadata.js';
import type { RelationReference as _openfga_v1_RelationReference, RelationReference__Output as _openfga_v1_RelationReference__Output } from './openfga/v1/RelationReference.js';
import type { RelationTypeInfo as _openfga_v1_RelationTypeInfo, RelationTypeInfo__Output as _openfga_v1_RelationTypeInfo__Output } from './openfga/v1/RelationTypeInfo.js';
import type { RelationshipCondition as _openfga_v1_RelationshipCondition, RelationshipCondition__Output as _openfga_v1_RelationshipCondition__Output } from './openfga/v1/RelationshipCondition.js';
import type { SourceInfo as _openfga_v1_SourceInfo, SourceInfo__Output as _openfga_v1_SourceInfo__Output } from './openfga/v1/SourceInfo.js';
import type { Store as _openfga_v1_Store, Store__Output as _openfga_v1_Store__Output } from './openfga/v1/Store.js';
import type { StreamedListObjectsRequest as _openfga_v1_StreamedListObjectsRequest, StreamedListObjectsRequest__Output as _openfga_v1_StreamedListObjectsRequest__Output } from './openfga/v1/StreamedListObjectsRequest.js';
import type { StreamedListObjectsResponse as _openfga_v1_StreamedListObjectsResponse, StreamedListObjectsResponse__Output as _openfga_v1_StreamedListObjectsResponse__Output } from './openfga/v1/StreamedListObjectsResponse.js';
import type { Tuple as _openfga_v1_Tuple, Tuple__Output as _openfga_v1_Tuple__Output } from './openfga/v1/Tuple.js';
import type { TupleChange as _openfga_v1_TupleChange, TupleChange__Output as _openfga_v1_TupleChange__Output } from './openfga/v1/TupleChange.js';
import type { TupleKey as _openfga_v1_TupleKey, TupleKey__Output as _openfga_v1_TupleKey__Output } from './openfga/v1/TupleKey.js';
import type { TupleKeyWithoutCondition as _openfga_v1_TupleKeyWithoutCondition, TupleKeyWithoutCondition__Output as _openfga_v1_TupleKeyWithoutCondition__Output } from './openfga/v1/TupleKeyWithoutCondition.js';
import type { TupleKeys as _openfga_v1_TupleKeys, TupleKeys__Output as _openfga_v1_TupleKeys__Output } from './openfga/v1/TupleKeys.js';
import type { TupleToUserset as _openfga_v1_TupleToUserset, TupleToUserset__Output as _openfga_v1_TupleToUserset__Output } from './openfga/v1/TupleToUserset.js';
import type { TypeDefinition as _openfga_v1_TypeDefinition, TypeDefinition__Output as _openfga_v1_TypeDefinition__Output } from './openfga/v1/TypeDefinition.js';
import type { TypedWildcard as _openfga_v1_TypedWildcard, TypedWildcard__Output as _openfga_v1_TypedWildcard__Output } from './openfga/v1/TypedWildcard.js';
import type { UpdateStoreRequest as _openfga_v1_UpdateStoreRequest, UpdateStoreRequest__Output as _openfga_v1_UpdateStoreRequest__Output } from './openfga/v1/UpdateStoreRequest.js';
import type { UpdateStoreResponse as _openfga_v1_UpdateStoreResponse, UpdateStoreResponse__Output as _openfga_v1_UpdateStoreResponse__Output } from './openfga/v1/UpdateStoreResponse.js';
import type { User as _openfga_v1_User, User__Output as _openfga_v1_User__Output } from './openfga/v1/User.js';
import type { UserTypeFilter as _openfga_v1_UserTypeFilter, UserTypeFilter__Output as _openfga_v1_UserTypeFilter__Output } from './openfga/v1/UserTypeFilter.js';
import type { Userset as _openfga_v1_Userset, Userset__Output as _openfga_v1_Userset__Output } from './openfga/v1/Userset.js';
import type { UsersetTree as _openfga_v1_UsersetTree, UsersetTree__Output as _openfga_v1_UsersetTree__Output } from './openfga/v1/UsersetTree.js';
import type { UsersetUser as _openfga_v1_UsersetUser, UsersetUser__Output as _openfga_v1_UsersetUser__Output } from './openfga/v1/UsersetUser.js';
import type { Usersets as _openfga_v1_Usersets, Usersets__Output as _openfga_v1_Usersets__Output } from './openfga/v1/Usersets.js';
import type { Wildcard as _openfga_v1_Wildcard, Wildcard__Output as _openfga_v1_Wildcard__Output } from './openfga/v1/Wildcard.js';
import type { WriteAssertionsRequest as _openfga_v1_WriteAssertionsRequest, WriteAssertionsRequest__Output as _openfga_v1_WriteAssertionsRequest__Output } from './openfga/v1/WriteAssertionsRequest.js';
import type { WriteAssertionsResponse as _openfga_v1_WriteAssertionsResponse, WriteAssertionsResponse__Output as _openfga_v1_WriteAssertionsResponse__Output } from './openfga/v1/WriteAssertionsResponse.js';
import type { WriteAuthorizationModelRequest as _openfga_v1_WriteAuthorizationModelRequest, WriteAuthorizationModelRequest__Output as _openfga_v1_WriteAuthorizationModelRequest__Output } from './openfga/v1/WriteAuthorizationModelRequest.js';
import type { WriteAuthorizationModelResponse as _openfga_v1_WriteAuthorizationModelResponse, WriteAuthorizationModelResponse__Output as _openfga_v1_WriteAuthorizationModelResponse__Output } from './openfga/v1/WriteAuthorizationModelResponse.js';
import type { WriteRequest as _openfga_v1_WriteRequest, WriteRequest__Output as _openfga_v1_WriteRequest__Output } from './openfga/v1/WriteRequest.js';
import type { WriteRequestDeletes as _openfga_v1_WriteRequestDeletes, WriteRequestDeletes__Output as _openfga_v1_WriteRequestDeletes__Output } from './openfga/v1/WriteRequestDeletes.js';
import type { WriteRequestWrites as _openfga_v1_WriteRequestWrites, WriteRequestWrites__Output as _openfga_v1_WriteRequestWrites__Output } from './openfga/v1/WriteRequestWrites.js';
import type { WriteResponse as _openfga_v1_WriteResponse, WriteResponse__Output as _openfga_v1_WriteResponse__Output } from './openfga/v1/WriteResponse.js';
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
import type { ExpiringTuple as _relata_v1_ExpiringTuple, ExpiringTuple__Output as _relata_v1_ExpiringTuple__Output } from './relata/v1/ExpiringTuple.js';
import type { ExpiringTupleKey as _relata_v1_ExpiringTupleKey, ExpiringTupleKey__Output as _relata_v1_ExpiringTupleKey__Output } from './relata/v1/ExpiringTupleKey.js';
import type { ExplainError as _relata_v1_ExplainError, ExplainError__Output as _relata_v1_ExplainError__Output } from './relata/v1/ExplainError.js';
import type { ExplainNode as _relata_v1_ExplainNode, ExplainNode__Output as _relata_v1_ExplainNode__Output } from './relata/v1/ExplainNode.js';
import type { ExplainRequest as _relata_v1_ExplainRequest, ExplainRequest__Output as _relata_v1_ExplainRequest__Output } from './relata/v1/ExplainRequest.js';
import type { ExplainResponse as _relata_v1_ExplainResponse, ExplainResponse__Output as _relata_v1_ExplainResponse__Output } from './relata/v1/ExplainResponse.js';
import type { ExplainedCondition as _relata_v1_ExplainedCondition, ExplainedCondition__Output as _relata_v1_ExplainedCondition__Output } from './relata/v1/ExplainedCondition.js';
import type { ExplainedTuple as _relata_v1_ExplainedTuple, ExplainedTuple__Output as _relata_v1_ExplainedTuple__Output } from './relata/v1/ExplainedTuple.js';
import type { IssuedApiClientResponse as _relata_v1_IssuedApiClientResponse, IssuedApiClientResponse__Output as _relata_v1_IssuedApiClientResponse__Output } from './relata/v1/IssuedApiClientResponse.js';
import type { ListApiClientsRequest as _relata_v1_ListApiClientsRequest, ListApiClientsRequest__Output as _relata_v1_ListApiClientsRequest__Output } from './relata/v1/ListApiClientsRequest.js';
import type { ListApiClientsResponse as _relata_v1_ListApiClientsResponse, ListApiClientsResponse__Output as _relata_v1_ListApiClientsResponse__Output } from './relata/v1/ListApiClientsResponse.js';
import type { ListObjectsPageRequest as _relata_v1_ListObjectsPageRequest, ListObjectsPageRequest__Output as _relata_v1_ListObjectsPageRequest__Output } from './relata/v1/ListObjectsPageRequest.js';
import type { ListObjectsPageResponse as _relata_v1_ListObjectsPageResponse, ListObjectsPageResponse__Output as _relata_v1_ListObjectsPageResponse__Output } from './relata/v1/ListObjectsPageResponse.js';
import type { ListPermissionsRequest as _relata_v1_ListPermissionsRequest, ListPermissionsRequest__Output as _relata_v1_ListPermissionsRequest__Output } from './relata/v1/ListPermissionsRequest.js';
import type { ListPermissionsResponse as _relata_v1_ListPermissionsResponse, ListPermissionsResponse__Output as _relata_v1_ListPermissionsResponse__Output } from './relata/v1/ListPermissionsResponse.js';
import type { ListRelationsRequest as _relata_v1_ListRelationsRequest, ListRelationsRequest__Output as _relata_v1_ListRelationsRequest__Output } from './relata/v1/ListRelationsRequest.js';
import type { ListRelationsResponse as _relata_v1_ListRelationsResponse, ListRelationsResponse__Output as _relata_v1_ListRelationsResponse__Output } from './relata/v1/ListRelationsResponse.js';
import type { Permission as _relata_v1_Permission, Permission__Output as _relata_v1_Permission__Output } from './relata/v1/Permission.js';
import type { PermissionFailure as _relata_v1_PermissionFailure, PermissionFailure__Output as _relata_v1_PermissionFailure__Output } from './relata/v1/PermissionFailure.js';
import type { ReadAuditRecordsRequest as _relata_v1_ReadAuditRecordsRequest, ReadAuditRecordsRequest__Output as _relata_v1_ReadAuditRecordsRequest__Output } from './relata/v1/ReadAuditRecordsRequest.js';
import type { ReadAuditRecordsResponse as _relata_v1_ReadAuditRecordsResponse, ReadAuditRecordsResponse__Output as _relata_v1_ReadAuditRecordsResponse__Output } from './relata/v1/ReadAuditRecordsResponse.js';
import type { ReadAuthzenActionsRequest as _relata_v1_ReadAuthzenActionsRequest, ReadAuthzenActionsRequest__Output as _relata_v1_ReadAuthzenActionsRequest__Output } from './relata/v1/ReadAuthzenActionsRequest.js';
import type { ReadTuplesRequest as _relata_v1_ReadTuplesRequest, ReadTuplesRequest__Output as _relata_v1_ReadTuplesRequest__Output } from './relata/v1/ReadTuplesRequest.js';
import type { ReadTuplesResponse as _relata_v1_ReadTuplesResponse, ReadTuplesResponse__Output as _relata_v1_ReadTuplesResponse__Output } from './relata/v1/ReadTuplesResponse.js';
import type { RelataServiceClient as _relata_v1_RelataServiceClient, RelataServiceDefinition as _relata_v1_RelataServiceDefinition } from './relata/v1/RelataService.js';
import type { RelationFailure as _relata_v1_RelationFailure, RelationFailure__Output as _relata_v1_RelationFailure__Output } from './relata/v1/RelationFailure.js';
import type { TypeActions as _relata_v1_TypeActions, TypeActions__Output as _relata_v1_TypeActions__Output } from './relata/v1/TypeActions.js';
import type { VerifyAuditRequest as _relata_v1_VerifyAuditRequest, VerifyAuditRequest__Output as _relata_v1_VerifyAuditRequest__Output } from './relata/v1/VerifyAuditRequest.js';
import type { VerifyAuditResponse as _relata_v1_VerifyAuditResponse, VerifyAuditResponse__Output as _relata_v1_VerifyAuditResponse__Output } from './relata/v1/VerifyAuditResponse.js';
import type { WriteAuthzenActionsRequest as _relata_v1_WriteAuthzenActionsRequest, WriteAuthzenActionsRequest__Output as _relata_v1_WriteAuthzenActionsRequest__Output } from './relata/v1/WriteAuthzenActionsRequest.js';
import type { WriteTuplesRequest as _relata_v1_WriteTuplesRequest, WriteTuplesRequest__Output as _relata_v1_WriteTuplesRequest__Output } from './relata/v1/WriteTuplesRequest.js';
import type { WriteTuplesResponse as _relata_v1_WriteTuplesResponse, WriteTuplesResponse__Output as _relata_v1_WriteTuplesResponse__Output } from './relata/v1/WriteTuplesResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  google: {
    protobuf: {
      BoolValue: MessageTypeDefinition<_google_protobuf_BoolValue, _google_protobuf_BoolValue__Output>
      BytesValue: MessageTypeDefinition<_google_protobuf_BytesValue, _google_protobuf_BytesValue__Output>
      DoubleValue: MessageTypeDefinition<_google_protobuf_DoubleValue, _google_protobuf_DoubleValue__Output>
      FloatValue: MessageTypeDefinition<_google_protobuf_FloatValue, _google_protobuf_FloatValue__Output>
      Int32Value: MessageTypeDefinition<_google_protobuf_Int32Value, _google_protobuf_Int32Value__Output>
      Int64Value: MessageTypeDefinition<_google_protobuf_Int64Value, _google_protobuf_Int64Value__Output>
      ListValue: MessageTypeDefinition<_google_protobuf_ListValue, _google_protobuf_ListValue__Output>
      NullValue: EnumTypeDefinition
      StringValue: MessageTypeDefinition<_google_protobuf_StringValue, _google_protobuf_StringValue__Output>
      Struct: MessageTypeDefinition<_google_protobuf_Struct, _google_protobuf_Struct__Output>
      Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>
      UInt32Value: MessageTypeDefinition<_google_protobuf_UInt32Value, _google_protobuf_UInt32Value__Output>
      UInt64Value: MessageTypeDefinition<_google_protobuf_UInt64Value, _google_protobuf_UInt64Value__Output>
      Value: MessageTypeDefinition<_google_protobuf_Value, _google_protobuf_Value__Output>
    }
  }
  openfga: {
    v1: {
      Assertion: MessageTypeDefinition<_openfga_v1_Assertion, _openfga_v1_Assertion__Output>
      AssertionTupleKey: MessageTypeDefinition<_openfga_v1_AssertionTupleKey, _openfga_v1_AssertionTupleKey__Output>
      Assertions: MessageTypeDefinition<_openfga_v1_Assertions, _openfga_v1_Assertions__Output>
      AuthErrorCode: EnumTypeDefinition
      AuthorizationModel: MessageTypeDefinition<_openfga_v1_AuthorizationModel, _openfga_v1_AuthorizationModel__Output>
      BatchCheckItem: MessageTypeDefinition<_openfga_v1_BatchCheckItem, _openfga_v1_BatchCheckItem__Output>
      BatchCheckRequest: MessageTypeDefinition<_openfga_v1_BatchCheckRequest, _openfga_v1_BatchCheckRequest__Output>
      BatchCheckResponse: MessageTypeDefinition<_openfga_v1_BatchCheckResponse, _openfga_v1_BatchCheckResponse__Output>
      BatchCheckSingleResult: MessageTypeDefinition<_openfga_v1_BatchCheckSingleResult, _openfga_v1_BatchCheckSingleResult__Output>
      CheckError: MessageTypeDefinition<_openfga_v1_CheckError, _openfga_v1_CheckError__Output>
      CheckRequest: MessageTypeDefinition<_openfga_v1_CheckRequest, _openfga_v1_CheckRequest__Output>
      CheckRequestTupleKey: MessageTypeDefinition<_openfga_v1_CheckRequestTupleKey, _openfga_v1_CheckRequestTupleKey__Output>
      CheckResponse: MessageTypeDefinition<_openfga_v1_CheckResponse, _openfga_v1_CheckResponse__Output>
      ComputedUserset: MessageTypeDefinition<_openfga_v1_ComputedUserset, _openfga_v1_ComputedUserset__Output>
      Condition: MessageTypeDefinition<_openfga_v1_Condition, _openfga_v1_Condition__Output>
      ConditionMetadata: MessageTypeDefinition<_openfga_v1_ConditionMetadata, _openfga_v1_ConditionMetadata__Output>
      ConditionParamTypeRef: MessageTypeDefinition<_openfga_v1_ConditionParamTypeRef, _openfga_v1_ConditionParamTypeRef__Output>
      ConsistencyPreference: EnumTypeDefinition
      ContextualTupleKeys: MessageTypeDefinition<_openfga_v1_ContextualTupleKeys, _openfga_v1_ContextualTupleKeys__Output>
      CreateStoreRequest: MessageTypeDefinition<_openfga_v1_CreateStoreRequest, _openfga_v1_CreateStoreRequest__Output>
      CreateStoreResponse: MessageTypeDefinition<_openfga_v1_CreateStoreResponse, _openfga_v1_CreateStoreResponse__Output>
      DeleteStoreRequest: MessageTypeDefinition<_openfga_v1_DeleteStoreRequest, _openfga_v1_DeleteStoreRequest__Output>
      DeleteStoreResponse: MessageTypeDefinition<_openfga_v1_DeleteStoreResponse, _openfga_v1_DeleteStoreResponse__Output>
      Difference: MessageTypeDefinition<_openfga_v1_Difference, _openfga_v1_Difference__Output>
      DirectUserset: MessageTypeDefinition<_openfga_v1_DirectUserset, _openfga_v1_DirectUserset__Output>
      ErrorCode: EnumTypeDefinition
      ExpandRequest: MessageTypeDefinition<_openfga_v1_ExpandRequest, _openfga_v1_ExpandRequest__Output>
      ExpandRequestTupleKey: MessageTypeDefinition<_openfga_v1_ExpandRequestTupleKey, _openfga_v1_ExpandRequestTupleKey__Output>
      ExpandResponse: MessageTypeDefinition<_openfga_v1_ExpandResponse, _openfga_v1_ExpandResponse__Output>
      GetStoreRequest: MessageTypeDefinition<_openfga_v1_GetStoreRequest, _openfga_v1_GetStoreRequest__Output>
      GetStoreResponse: MessageTypeDefinition<_openfga_v1_GetStoreResponse, _openfga_v1_GetStoreResponse__Output>
      InternalErrorCode: EnumTypeDefinition
      ListObjectsRequest: MessageTypeDefinition<_openfga_v1_ListObjectsRequest, _openfga_v1_ListObjectsRequest__Output>
      ListObjectsResponse: MessageTypeDefinition<_openfga_v1_ListObjectsResponse, _openfga_v1_ListObjectsResponse__Output>
      ListStoresRequest: MessageTypeDefinition<_openfga_v1_ListStoresRequest, _openfga_v1_ListStoresRequest__Output>
      ListStoresResponse: MessageTypeDefinition<_openfga_v1_ListStoresResponse, _openfga_v1_ListStoresResponse__Output>
      ListUsersRequest: MessageTypeDefinition<_openfga_v1_ListUsersRequest, _openfga_v1_ListUsersRequest__Output>
      ListUsersResponse: MessageTypeDefinition<_openfga_v1_ListUsersResponse, _openfga_v1_ListUsersResponse__Output>
      Metadata: MessageTypeDefinition<_openfga_v1_Metadata, _openfga_v1_Metadata__Output>
      NotFoundErrorCode: EnumTypeDefinition
      Object: MessageTypeDefinition<_openfga_v1_Object, _openfga_v1_Object__Output>
      ObjectRelation: MessageTypeDefinition<_openfga_v1_ObjectRelation, _openfga_v1_ObjectRelation__Output>
      OpenFGAService: SubtypeConstructor<typeof grpc.Client, _openfga_v1_OpenFGAServiceClient> & { service: _openfga_v1_OpenFGAServiceDefinition }
      ReadAssertionsRequest: MessageTypeDefinition<_openfga_v1_ReadAssertionsRequest, _openfga_v1_ReadAssertionsRequest__Output>
      ReadAssertionsResponse: MessageTypeDefinition<_openfga_v1_ReadAssertionsResponse, _openfga_v1_ReadAssertionsResponse__Output>
      ReadAuthorizationModelRequest: MessageTypeDefinition<_openfga_v1_ReadAuthorizationModelRequest, _openfga_v1_ReadAuthorizationModelRequest__Output>
      ReadAuthorizationModelResponse: MessageTypeDefinition<_openfga_v1_ReadAuthorizationModelResponse, _openfga_v1_ReadAuthorizationModelResponse__Output>
      ReadAuthorizationModelsRequest: MessageTypeDefinition<_openfga_v1_ReadAuthorizationModelsRequest, _openfga_v1_ReadAuthorizationModelsRequest__Output>
      ReadAuthorizationModelsResponse: MessageTypeDefinition<_openfga_v1_ReadAuthorizationModelsResponse, _openfga_v1_ReadAuthorizationModelsResponse__Output>
      ReadChangesRequest: MessageTypeDefinition<_openfga_v1_ReadChangesRequest, _openfga_v1_ReadChangesRequest__Output>
      ReadChangesResponse: MessageTypeDefinition<_openfga_v1_ReadChangesResponse, _openfga_v1_ReadChangesResponse__Output>
      ReadRequest: MessageTypeDefinition<_openfga_v1_ReadRequest, _openfga_v1_ReadRequest__Output>
      ReadRequestTupleKey: MessageTypeDefinition<_openfga_v1_ReadRequestTupleKey, _openfga_v1_ReadRequestTupleKey__Output>
      ReadResponse: MessageTypeDefinition<_openfga_v1_ReadResponse, _openfga_v1_ReadResponse__Output>
      Relation: MessageTypeDefinition<_openfga_v1_Relation, _openfga_v1_Relation__Output>
      RelationMetadata: MessageTypeDefinition<_openfga_v1_RelationMetadata, _openfga_v1_RelationMetadata__Output>
      RelationReference: MessageTypeDefinition<_openfga_v1_RelationReference, _openfga_v1_RelationReference__Output>
      RelationTypeInfo: MessageTypeDefinition<_openfga_v1_RelationTypeInfo, _openfga_v1_RelationTypeInfo__Output>
      RelationshipCondition: MessageTypeDefinition<_openfga_v1_RelationshipCondition, _openfga_v1_RelationshipCondition__Output>
      SourceInfo: MessageTypeDefinition<_openfga_v1_SourceInfo, _openfga_v1_SourceInfo__Output>
      Store: MessageTypeDefinition<_openfga_v1_Store, _openfga_v1_Store__Output>
      StreamedListObjectsRequest: MessageTypeDefinition<_openfga_v1_StreamedListObjectsRequest, _openfga_v1_StreamedListObjectsRequest__Output>
      StreamedListObjectsResponse: MessageTypeDefinition<_openfga_v1_StreamedListObjectsResponse, _openfga_v1_StreamedListObjectsResponse__Output>
      Tuple: MessageTypeDefinition<_openfga_v1_Tuple, _openfga_v1_Tuple__Output>
      TupleChange: MessageTypeDefinition<_openfga_v1_TupleChange, _openfga_v1_TupleChange__Output>
      TupleKey: MessageTypeDefinition<_openfga_v1_TupleKey, _openfga_v1_TupleKey__Output>
      TupleKeyWithoutCondition: MessageTypeDefinition<_openfga_v1_TupleKeyWithoutCondition, _openfga_v1_TupleKeyWithoutCondition__Output>
      TupleKeys: MessageTypeDefinition<_openfga_v1_TupleKeys, _openfga_v1_TupleKeys__Output>
      TupleOperation: EnumTypeDefinition
      TupleToUserset: MessageTypeDefinition<_openfga_v1_TupleToUserset, _openfga_v1_TupleToUserset__Output>
      TypeDefinition: MessageTypeDefinition<_openfga_v1_TypeDefinition, _openfga_v1_TypeDefinition__Output>
      TypedWildcard: MessageTypeDefinition<_openfga_v1_TypedWildcard, _openfga_v1_TypedWildcard__Output>
      UnprocessableContentErrorCode: EnumTypeDefinition
      UpdateStoreRequest: MessageTypeDefinition<_openfga_v1_UpdateStoreRequest, _openfga_v1_UpdateStoreRequest__Output>
      UpdateStoreResponse: MessageTypeDefinition<_openfga_v1_UpdateStoreResponse, _openfga_v1_UpdateStoreResponse__Output>
      User: MessageTypeDefinition<_openfga_v1_User, _openfga_v1_User__Output>
      UserTypeFilter: MessageTypeDefinition<_openfga_v1_UserTypeFilter, _openfga_v1_UserTypeFilter__Output>
      Userset: MessageTypeDefinition<_openfga_v1_Userset, _openfga_v1_Userset__Output>
      UsersetTree: MessageTypeDefinition<_openfga_v1_UsersetTree, _openfga_v1_UsersetTree__Output>
      UsersetUser: MessageTypeDefinition<_openfga_v1_UsersetUser, _openfga_v1_UsersetUser__Output>
      Usersets: MessageTypeDefinition<_openfga_v1_Usersets, _openfga_v1_Usersets__Output>
      Wildcard: MessageTypeDefinition<_openfga_v1_Wildcard, _openfga_v1_Wildcard__Output>
      WriteAssertionsRequest: MessageTypeDefinition<_openfga_v1_WriteAssertionsRequest, _openfga_v1_WriteAssertionsRequest__Output>
      WriteAssertionsResponse: MessageTypeDefinition<_openfga_v1_WriteAssertionsResponse, _openfga_v1_WriteAssertionsResponse__Output>
      WriteAuthorizationModelRequest: MessageTypeDefinition<_openfga_v1_WriteAuthorizationModelRequest, _openfga_v1_WriteAuthorizationModelRequest__Output>
      WriteAuthorizationModelResponse: MessageTypeDefinition<_openfga_v1_WriteAuthorizationModelResponse, _openfga_v1_WriteAuthorizationModelResponse__Output>
      WriteRequest: MessageTypeDefinition<_openfga_v1_WriteRequest, _openfga_v1_WriteRequest__Output>
      WriteRequestDeletes: MessageTypeDefinition<_openfga_v1_WriteRequestDeletes, _openfga_v1_WriteRequestDeletes__Output>
      WriteRequestWrites: MessageTypeDefinition<_openfga_v1_WriteRequestWrites, _openfga_v1_WriteRequestWrites__Output>
      WriteResponse: MessageTypeDefinition<_openfga_v1_WriteResponse, _openfga_v1_WriteResponse__Output>
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
      ExpiringTuple: MessageTypeDefinition<_relata_v1_ExpiringTuple, _relata_v1_ExpiringTuple__Output>
      ExpiringTupleKey: MessageTypeDefinition<_relata_v1_ExpiringTupleKey, _relata_v1_ExpiringTupleKey__Output>
      ExplainError: MessageTypeDefinition<_relata_v1_ExplainError, _relata_v1_ExplainError__Output>
      ExplainNode: MessageTypeDefinition<_relata_v1_ExplainNode, _relata_v1_ExplainNode__Output>
      ExplainRequest: MessageTypeDefinition<_relata_v1_ExplainRequest, _relata_v1_ExplainRequest__Output>
      ExplainResponse: MessageTypeDefinition<_relata_v1_ExplainResponse, _relata_v1_ExplainResponse__Output>
      ExplainedCondition: MessageTypeDefinition<_relata_v1_ExplainedCondition, _relata_v1_ExplainedCondition__Output>
      ExplainedTuple: MessageTypeDefinition<_relata_v1_ExplainedTuple, _relata_v1_ExplainedTuple__Output>
      IssuedApiClientResponse: MessageTypeDefinition<_relata_v1_IssuedApiClientResponse, _relata_v1_IssuedApiClientResponse__Output>
      ListApiClientsRequest: MessageTypeDefinition<_relata_v1_ListApiClientsRequest, _relata_v1_ListApiClientsRequest__Output>
      ListApiClientsResponse: MessageTypeDefinition<_relata_v1_ListApiClientsResponse, _relata_v1_ListApiClientsResponse__Output>
      ListObjectsPageRequest: MessageTypeDefinition<_relata_v1_ListObjectsPageRequest, _relata_v1_ListObjectsPageRequest__Output>
      ListObjectsPageResponse: MessageTypeDefinition<_relata_v1_ListObjectsPageResponse, _relata_v1_ListObjectsPageResponse__Output>
      ListPermissionsRequest: MessageTypeDefinition<_relata_v1_ListPermissionsRequest, _relata_v1_ListPermissionsRequest__Output>
      ListPermissionsResponse: MessageTypeDefinition<_relata_v1_ListPermissionsResponse, _relata_v1_ListPermissionsResponse__Output>
      ListRelationsRequest: MessageTypeDefinition<_relata_v1_ListRelationsRequest, _relata_v1_ListRelationsRequest__Output>
      ListRelationsResponse: MessageTypeDefinition<_relata_v1_ListRelationsResponse, _relata_v1_ListRelationsResponse__Output>
      Permission: MessageTypeDefinition<_relata_v1_Permission, _relata_v1_Permission__Output>
      PermissionFailure: MessageTypeDefinition<_relata_v1_PermissionFailure, _relata_v1_PermissionFailure__Output>
      ReadAuditRecordsRequest: MessageTypeDefinition<_relata_v1_ReadAuditRecordsRequest, _relata_v1_ReadAuditRecordsRequest__Output>
      ReadAuditRecordsResponse: MessageTypeDefinition<_relata_v1_ReadAuditRecordsResponse, _relata_v1_ReadAuditRecordsResponse__Output>
      ReadAuthzenActionsRequest: MessageTypeDefinition<_relata_v1_ReadAuthzenActionsRequest, _relata_v1_ReadAuthzenActionsRequest__Output>
      ReadTuplesRequest: MessageTypeDefinition<_relata_v1_ReadTuplesRequest, _relata_v1_ReadTuplesRequest__Output>
      ReadTuplesResponse: MessageTypeDefinition<_relata_v1_ReadTuplesResponse, _relata_v1_ReadTuplesResponse__Output>
      RelataService: SubtypeConstructor<typeof grpc.Client, _relata_v1_RelataServiceClient> & { service: _relata_v1_RelataServiceDefinition }
      RelationFailure: MessageTypeDefinition<_relata_v1_RelationFailure, _relata_v1_RelationFailure__Output>
      TypeActions: MessageTypeDefinition<_relata_v1_TypeActions, _relata_v1_TypeActions__Output>
      VerifyAuditRequest: MessageTypeDefinition<_relata_v1_VerifyAuditRequest, _relata_v1_VerifyAuditRequest__Output>
      VerifyAuditResponse: MessageTypeDefinition<_relata_v1_VerifyAuditResponse, _relata_v1_VerifyAuditResponse__Output>
      WriteAuthzenActionsRequest: MessageTypeDefinition<_relata_v1_WriteAuthzenActionsRequest, _relata_v1_WriteAuthzenActionsRequest__Output>
      WriteTuplesRequest: MessageTypeDefinition<_relata_v1_WriteTuplesRequest, _relata_v1_WriteTuplesRequest__Output>
      WriteTuplesResponse: MessageTypeDefinition<_relata_v1_WriteTuplesResponse, _relata_v1_WriteTuplesResponse__Output>
    }
  }
}

