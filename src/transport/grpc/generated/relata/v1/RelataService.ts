// Original file: proto/relata/v1/relata_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApiClientRequest as _relata_v1_ApiClientRequest, ApiClientRequest__Output as _relata_v1_ApiClientRequest__Output } from '../../relata/v1/ApiClientRequest.js';
import type { ApiClientResponse as _relata_v1_ApiClientResponse, ApiClientResponse__Output as _relata_v1_ApiClientResponse__Output } from '../../relata/v1/ApiClientResponse.js';
import type { AuditReportRequest as _relata_v1_AuditReportRequest, AuditReportRequest__Output as _relata_v1_AuditReportRequest__Output } from '../../relata/v1/AuditReportRequest.js';
import type { AuditReportResponse as _relata_v1_AuditReportResponse, AuditReportResponse__Output as _relata_v1_AuditReportResponse__Output } from '../../relata/v1/AuditReportResponse.js';
import type { AuthzenActions as _relata_v1_AuthzenActions, AuthzenActions__Output as _relata_v1_AuthzenActions__Output } from '../../relata/v1/AuthzenActions.js';
import type { CreateApiClientRequest as _relata_v1_CreateApiClientRequest, CreateApiClientRequest__Output as _relata_v1_CreateApiClientRequest__Output } from '../../relata/v1/CreateApiClientRequest.js';
import type { DeleteApiClientResponse as _relata_v1_DeleteApiClientResponse, DeleteApiClientResponse__Output as _relata_v1_DeleteApiClientResponse__Output } from '../../relata/v1/DeleteApiClientResponse.js';
import type { DeleteTuplesRequest as _relata_v1_DeleteTuplesRequest, DeleteTuplesRequest__Output as _relata_v1_DeleteTuplesRequest__Output } from '../../relata/v1/DeleteTuplesRequest.js';
import type { DeleteTuplesResponse as _relata_v1_DeleteTuplesResponse, DeleteTuplesResponse__Output as _relata_v1_DeleteTuplesResponse__Output } from '../../relata/v1/DeleteTuplesResponse.js';
import type { ExplainRequest as _relata_v1_ExplainRequest, ExplainRequest__Output as _relata_v1_ExplainRequest__Output } from '../../relata/v1/ExplainRequest.js';
import type { ExplainResponse as _relata_v1_ExplainResponse, ExplainResponse__Output as _relata_v1_ExplainResponse__Output } from '../../relata/v1/ExplainResponse.js';
import type { IssuedApiClientResponse as _relata_v1_IssuedApiClientResponse, IssuedApiClientResponse__Output as _relata_v1_IssuedApiClientResponse__Output } from '../../relata/v1/IssuedApiClientResponse.js';
import type { ListApiClientsRequest as _relata_v1_ListApiClientsRequest, ListApiClientsRequest__Output as _relata_v1_ListApiClientsRequest__Output } from '../../relata/v1/ListApiClientsRequest.js';
import type { ListApiClientsResponse as _relata_v1_ListApiClientsResponse, ListApiClientsResponse__Output as _relata_v1_ListApiClientsResponse__Output } from '../../relata/v1/ListApiClientsResponse.js';
import type { ListObjectsPageRequest as _relata_v1_ListObjectsPageRequest, ListObjectsPageRequest__Output as _relata_v1_ListObjectsPageRequest__Output } from '../../relata/v1/ListObjectsPageRequest.js';
import type { ListObjectsPageResponse as _relata_v1_ListObjectsPageResponse, ListObjectsPageResponse__Output as _relata_v1_ListObjectsPageResponse__Output } from '../../relata/v1/ListObjectsPageResponse.js';
import type { ListPermissionsRequest as _relata_v1_ListPermissionsRequest, ListPermissionsRequest__Output as _relata_v1_ListPermissionsRequest__Output } from '../../relata/v1/ListPermissionsRequest.js';
import type { ListPermissionsResponse as _relata_v1_ListPermissionsResponse, ListPermissionsResponse__Output as _relata_v1_ListPermissionsResponse__Output } from '../../relata/v1/ListPermissionsResponse.js';
import type { ListRelationsRequest as _relata_v1_ListRelationsRequest, ListRelationsRequest__Output as _relata_v1_ListRelationsRequest__Output } from '../../relata/v1/ListRelationsRequest.js';
import type { ListRelationsResponse as _relata_v1_ListRelationsResponse, ListRelationsResponse__Output as _relata_v1_ListRelationsResponse__Output } from '../../relata/v1/ListRelationsResponse.js';
import type { ReadAuditRecordsRequest as _relata_v1_ReadAuditRecordsRequest, ReadAuditRecordsRequest__Output as _relata_v1_ReadAuditRecordsRequest__Output } from '../../relata/v1/ReadAuditRecordsRequest.js';
import type { ReadAuditRecordsResponse as _relata_v1_ReadAuditRecordsResponse, ReadAuditRecordsResponse__Output as _relata_v1_ReadAuditRecordsResponse__Output } from '../../relata/v1/ReadAuditRecordsResponse.js';
import type { ReadAuthzenActionsRequest as _relata_v1_ReadAuthzenActionsRequest, ReadAuthzenActionsRequest__Output as _relata_v1_ReadAuthzenActionsRequest__Output } from '../../relata/v1/ReadAuthzenActionsRequest.js';
import type { ReadTuplesRequest as _relata_v1_ReadTuplesRequest, ReadTuplesRequest__Output as _relata_v1_ReadTuplesRequest__Output } from '../../relata/v1/ReadTuplesRequest.js';
import type { ReadTuplesResponse as _relata_v1_ReadTuplesResponse, ReadTuplesResponse__Output as _relata_v1_ReadTuplesResponse__Output } from '../../relata/v1/ReadTuplesResponse.js';
import type { VerifyAuditRequest as _relata_v1_VerifyAuditRequest, VerifyAuditRequest__Output as _relata_v1_VerifyAuditRequest__Output } from '../../relata/v1/VerifyAuditRequest.js';
import type { VerifyAuditResponse as _relata_v1_VerifyAuditResponse, VerifyAuditResponse__Output as _relata_v1_VerifyAuditResponse__Output } from '../../relata/v1/VerifyAuditResponse.js';
import type { WriteAuthzenActionsRequest as _relata_v1_WriteAuthzenActionsRequest, WriteAuthzenActionsRequest__Output as _relata_v1_WriteAuthzenActionsRequest__Output } from '../../relata/v1/WriteAuthzenActionsRequest.js';
import type { WriteTuplesRequest as _relata_v1_WriteTuplesRequest, WriteTuplesRequest__Output as _relata_v1_WriteTuplesRequest__Output } from '../../relata/v1/WriteTuplesRequest.js';
import type { WriteTuplesResponse as _relata_v1_WriteTuplesResponse, WriteTuplesResponse__Output as _relata_v1_WriteTuplesResponse__Output } from '../../relata/v1/WriteTuplesResponse.js';

export interface RelataServiceClient extends grpc.Client {
  AuditReport(argument: _relata_v1_AuditReportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  AuditReport(argument: _relata_v1_AuditReportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  AuditReport(argument: _relata_v1_AuditReportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  AuditReport(argument: _relata_v1_AuditReportRequest, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  auditReport(argument: _relata_v1_AuditReportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  auditReport(argument: _relata_v1_AuditReportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  auditReport(argument: _relata_v1_AuditReportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  auditReport(argument: _relata_v1_AuditReportRequest, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  
  CreateApiClient(argument: _relata_v1_CreateApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  CreateApiClient(argument: _relata_v1_CreateApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  CreateApiClient(argument: _relata_v1_CreateApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  CreateApiClient(argument: _relata_v1_CreateApiClientRequest, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  createApiClient(argument: _relata_v1_CreateApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  createApiClient(argument: _relata_v1_CreateApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  createApiClient(argument: _relata_v1_CreateApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  createApiClient(argument: _relata_v1_CreateApiClientRequest, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteApiClientResponse__Output>): grpc.ClientUnaryCall;
  DeleteApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_DeleteApiClientResponse__Output>): grpc.ClientUnaryCall;
  DeleteApiClient(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteApiClientResponse__Output>): grpc.ClientUnaryCall;
  DeleteApiClient(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_DeleteApiClientResponse__Output>): grpc.ClientUnaryCall;
  deleteApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteApiClientResponse__Output>): grpc.ClientUnaryCall;
  deleteApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_DeleteApiClientResponse__Output>): grpc.ClientUnaryCall;
  deleteApiClient(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteApiClientResponse__Output>): grpc.ClientUnaryCall;
  deleteApiClient(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_DeleteApiClientResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteTuples(argument: _relata_v1_DeleteTuplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteTuples(argument: _relata_v1_DeleteTuplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteTuples(argument: _relata_v1_DeleteTuplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteTuples(argument: _relata_v1_DeleteTuplesRequest, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  deleteTuples(argument: _relata_v1_DeleteTuplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  deleteTuples(argument: _relata_v1_DeleteTuplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  deleteTuples(argument: _relata_v1_DeleteTuplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  deleteTuples(argument: _relata_v1_DeleteTuplesRequest, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  
  DisableApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  DisableApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  DisableApiClient(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  DisableApiClient(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  disableApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  disableApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  disableApiClient(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  disableApiClient(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  
  EnableApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  EnableApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  EnableApiClient(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  EnableApiClient(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  enableApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  enableApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  enableApiClient(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  enableApiClient(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  
  Explain(argument: _relata_v1_ExplainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _relata_v1_ExplainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _relata_v1_ExplainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _relata_v1_ExplainRequest, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _relata_v1_ExplainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _relata_v1_ExplainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _relata_v1_ExplainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _relata_v1_ExplainRequest, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  
  GetApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  GetApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  GetApiClient(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  GetApiClient(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  getApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  getApiClient(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  getApiClient(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  getApiClient(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_ApiClientResponse__Output>): grpc.ClientUnaryCall;
  
  ListApiClients(argument: _relata_v1_ListApiClientsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListApiClientsResponse__Output>): grpc.ClientUnaryCall;
  ListApiClients(argument: _relata_v1_ListApiClientsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListApiClientsResponse__Output>): grpc.ClientUnaryCall;
  ListApiClients(argument: _relata_v1_ListApiClientsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListApiClientsResponse__Output>): grpc.ClientUnaryCall;
  ListApiClients(argument: _relata_v1_ListApiClientsRequest, callback: grpc.requestCallback<_relata_v1_ListApiClientsResponse__Output>): grpc.ClientUnaryCall;
  listApiClients(argument: _relata_v1_ListApiClientsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListApiClientsResponse__Output>): grpc.ClientUnaryCall;
  listApiClients(argument: _relata_v1_ListApiClientsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListApiClientsResponse__Output>): grpc.ClientUnaryCall;
  listApiClients(argument: _relata_v1_ListApiClientsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListApiClientsResponse__Output>): grpc.ClientUnaryCall;
  listApiClients(argument: _relata_v1_ListApiClientsRequest, callback: grpc.requestCallback<_relata_v1_ListApiClientsResponse__Output>): grpc.ClientUnaryCall;
  
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  
  ListPermissions(argument: _relata_v1_ListPermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListPermissionsResponse__Output>): grpc.ClientUnaryCall;
  ListPermissions(argument: _relata_v1_ListPermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListPermissionsResponse__Output>): grpc.ClientUnaryCall;
  ListPermissions(argument: _relata_v1_ListPermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListPermissionsResponse__Output>): grpc.ClientUnaryCall;
  ListPermissions(argument: _relata_v1_ListPermissionsRequest, callback: grpc.requestCallback<_relata_v1_ListPermissionsResponse__Output>): grpc.ClientUnaryCall;
  listPermissions(argument: _relata_v1_ListPermissionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListPermissionsResponse__Output>): grpc.ClientUnaryCall;
  listPermissions(argument: _relata_v1_ListPermissionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListPermissionsResponse__Output>): grpc.ClientUnaryCall;
  listPermissions(argument: _relata_v1_ListPermissionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListPermissionsResponse__Output>): grpc.ClientUnaryCall;
  listPermissions(argument: _relata_v1_ListPermissionsRequest, callback: grpc.requestCallback<_relata_v1_ListPermissionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListRelations(argument: _relata_v1_ListRelationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListRelationsResponse__Output>): grpc.ClientUnaryCall;
  ListRelations(argument: _relata_v1_ListRelationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListRelationsResponse__Output>): grpc.ClientUnaryCall;
  ListRelations(argument: _relata_v1_ListRelationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListRelationsResponse__Output>): grpc.ClientUnaryCall;
  ListRelations(argument: _relata_v1_ListRelationsRequest, callback: grpc.requestCallback<_relata_v1_ListRelationsResponse__Output>): grpc.ClientUnaryCall;
  listRelations(argument: _relata_v1_ListRelationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListRelationsResponse__Output>): grpc.ClientUnaryCall;
  listRelations(argument: _relata_v1_ListRelationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListRelationsResponse__Output>): grpc.ClientUnaryCall;
  listRelations(argument: _relata_v1_ListRelationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListRelationsResponse__Output>): grpc.ClientUnaryCall;
  listRelations(argument: _relata_v1_ListRelationsRequest, callback: grpc.requestCallback<_relata_v1_ListRelationsResponse__Output>): grpc.ClientUnaryCall;
  
  ReadAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  readAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  readAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  readAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  readAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  
  ReadTuples(argument: _relata_v1_ReadTuplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadTuplesResponse__Output>): grpc.ClientUnaryCall;
  ReadTuples(argument: _relata_v1_ReadTuplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ReadTuplesResponse__Output>): grpc.ClientUnaryCall;
  ReadTuples(argument: _relata_v1_ReadTuplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadTuplesResponse__Output>): grpc.ClientUnaryCall;
  ReadTuples(argument: _relata_v1_ReadTuplesRequest, callback: grpc.requestCallback<_relata_v1_ReadTuplesResponse__Output>): grpc.ClientUnaryCall;
  readTuples(argument: _relata_v1_ReadTuplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadTuplesResponse__Output>): grpc.ClientUnaryCall;
  readTuples(argument: _relata_v1_ReadTuplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ReadTuplesResponse__Output>): grpc.ClientUnaryCall;
  readTuples(argument: _relata_v1_ReadTuplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadTuplesResponse__Output>): grpc.ClientUnaryCall;
  readTuples(argument: _relata_v1_ReadTuplesRequest, callback: grpc.requestCallback<_relata_v1_ReadTuplesResponse__Output>): grpc.ClientUnaryCall;
  
  RotateApiClientKey(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  RotateApiClientKey(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  RotateApiClientKey(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  RotateApiClientKey(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  rotateApiClientKey(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  rotateApiClientKey(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  rotateApiClientKey(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  rotateApiClientKey(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyAudit(argument: _relata_v1_VerifyAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _relata_v1_VerifyAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _relata_v1_VerifyAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _relata_v1_VerifyAuditRequest, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _relata_v1_VerifyAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _relata_v1_VerifyAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _relata_v1_VerifyAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _relata_v1_VerifyAuditRequest, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  
  WriteAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  WriteAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  WriteAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  WriteAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  writeAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  writeAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  writeAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  writeAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  
  WriteTuples(argument: _relata_v1_WriteTuplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_WriteTuplesResponse__Output>): grpc.ClientUnaryCall;
  WriteTuples(argument: _relata_v1_WriteTuplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_WriteTuplesResponse__Output>): grpc.ClientUnaryCall;
  WriteTuples(argument: _relata_v1_WriteTuplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_WriteTuplesResponse__Output>): grpc.ClientUnaryCall;
  WriteTuples(argument: _relata_v1_WriteTuplesRequest, callback: grpc.requestCallback<_relata_v1_WriteTuplesResponse__Output>): grpc.ClientUnaryCall;
  writeTuples(argument: _relata_v1_WriteTuplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_WriteTuplesResponse__Output>): grpc.ClientUnaryCall;
  writeTuples(argument: _relata_v1_WriteTuplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_WriteTuplesResponse__Output>): grpc.ClientUnaryCall;
  writeTuples(argument: _relata_v1_WriteTuplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_WriteTuplesResponse__Output>): grpc.ClientUnaryCall;
  writeTuples(argument: _relata_v1_WriteTuplesRequest, callback: grpc.requestCallback<_relata_v1_WriteTuplesResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface RelataServiceHandlers extends grpc.UntypedServiceImplementation {
  AuditReport: grpc.handleUnaryCall<_relata_v1_AuditReportRequest__Output, _relata_v1_AuditReportResponse>;
  
  CreateApiClient: grpc.handleUnaryCall<_relata_v1_CreateApiClientRequest__Output, _relata_v1_IssuedApiClientResponse>;
  
  DeleteApiClient: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_DeleteApiClientResponse>;
  
  DeleteTuples: grpc.handleUnaryCall<_relata_v1_DeleteTuplesRequest__Output, _relata_v1_DeleteTuplesResponse>;
  
  DisableApiClient: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse>;
  
  EnableApiClient: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse>;
  
  Explain: grpc.handleUnaryCall<_relata_v1_ExplainRequest__Output, _relata_v1_ExplainResponse>;
  
  GetApiClient: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse>;
  
  ListApiClients: grpc.handleUnaryCall<_relata_v1_ListApiClientsRequest__Output, _relata_v1_ListApiClientsResponse>;
  
  ListObjectsPage: grpc.handleUnaryCall<_relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse>;
  
  ListPermissions: grpc.handleUnaryCall<_relata_v1_ListPermissionsRequest__Output, _relata_v1_ListPermissionsResponse>;
  
  ListRelations: grpc.handleUnaryCall<_relata_v1_ListRelationsRequest__Output, _relata_v1_ListRelationsResponse>;
  
  ReadAuditRecords: grpc.handleUnaryCall<_relata_v1_ReadAuditRecordsRequest__Output, _relata_v1_ReadAuditRecordsResponse>;
  
  ReadAuthzenActions: grpc.handleUnaryCall<_relata_v1_ReadAuthzenActionsRequest__Output, _relata_v1_AuthzenActions>;
  
  ReadTuples: grpc.handleUnaryCall<_relata_v1_ReadTuplesRequest__Output, _relata_v1_ReadTuplesResponse>;
  
  RotateApiClientKey: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_IssuedApiClientResponse>;
  
  VerifyAudit: grpc.handleUnaryCall<_relata_v1_VerifyAuditRequest__Output, _relata_v1_VerifyAuditResponse>;
  
  WriteAuthzenActions: grpc.handleUnaryCall<_relata_v1_WriteAuthzenActionsRequest__Output, _relata_v1_AuthzenActions>;
  
  WriteTuples: grpc.handleUnaryCall<_relata_v1_WriteTuplesRequest__Output, _relata_v1_WriteTuplesResponse>;
  
}

export interface RelataServiceDefinition extends grpc.ServiceDefinition {
  AuditReport: MethodDefinition<_relata_v1_AuditReportRequest, _relata_v1_AuditReportResponse, _relata_v1_AuditReportRequest__Output, _relata_v1_AuditReportResponse__Output>
  CreateApiClient: MethodDefinition<_relata_v1_CreateApiClientRequest, _relata_v1_IssuedApiClientResponse, _relata_v1_CreateApiClientRequest__Output, _relata_v1_IssuedApiClientResponse__Output>
  DeleteApiClient: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_DeleteApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_DeleteApiClientResponse__Output>
  DeleteTuples: MethodDefinition<_relata_v1_DeleteTuplesRequest, _relata_v1_DeleteTuplesResponse, _relata_v1_DeleteTuplesRequest__Output, _relata_v1_DeleteTuplesResponse__Output>
  DisableApiClient: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_ApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse__Output>
  EnableApiClient: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_ApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse__Output>
  Explain: MethodDefinition<_relata_v1_ExplainRequest, _relata_v1_ExplainResponse, _relata_v1_ExplainRequest__Output, _relata_v1_ExplainResponse__Output>
  GetApiClient: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_ApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse__Output>
  ListApiClients: MethodDefinition<_relata_v1_ListApiClientsRequest, _relata_v1_ListApiClientsResponse, _relata_v1_ListApiClientsRequest__Output, _relata_v1_ListApiClientsResponse__Output>
  ListObjectsPage: MethodDefinition<_relata_v1_ListObjectsPageRequest, _relata_v1_ListObjectsPageResponse, _relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse__Output>
  ListPermissions: MethodDefinition<_relata_v1_ListPermissionsRequest, _relata_v1_ListPermissionsResponse, _relata_v1_ListPermissionsRequest__Output, _relata_v1_ListPermissionsResponse__Output>
  ListRelations: MethodDefinition<_relata_v1_ListRelationsRequest, _relata_v1_ListRelationsResponse, _relata_v1_ListRelationsRequest__Output, _relata_v1_ListRelationsResponse__Output>
  ReadAuditRecords: MethodDefinition<_relata_v1_ReadAuditRecordsRequest, _relata_v1_ReadAuditRecordsResponse, _relata_v1_ReadAuditRecordsRequest__Output, _relata_v1_ReadAuditRecordsResponse__Output>
  ReadAuthzenActions: MethodDefinition<_relata_v1_ReadAuthzenActionsRequest, _relata_v1_AuthzenActions, _relata_v1_ReadAuthzenActionsRequest__Output, _relata_v1_AuthzenActions__Output>
  ReadTuples: MethodDefinition<_relata_v1_ReadTuplesRequest, _relata_v1_ReadTuplesResponse, _relata_v1_ReadTuplesRequest__Output, _relata_v1_ReadTuplesResponse__Output>
  RotateApiClientKey: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_IssuedApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_IssuedApiClientResponse__Output>
  VerifyAudit: MethodDefinition<_relata_v1_VerifyAuditRequest, _relata_v1_VerifyAuditResponse, _relata_v1_VerifyAuditRequest__Output, _relata_v1_VerifyAuditResponse__Output>
  WriteAuthzenActions: MethodDefinition<_relata_v1_WriteAuthzenActionsRequest, _relata_v1_AuthzenActions, _relata_v1_WriteAuthzenActionsRequest__Output, _relata_v1_AuthzenActions__Output>
  WriteTuples: MethodDefinition<_relata_v1_WriteTuplesRequest, _relata_v1_WriteTuplesResponse, _relata_v1_WriteTuplesRequest__Output, _relata_v1_WriteTuplesResponse__Output>
}
