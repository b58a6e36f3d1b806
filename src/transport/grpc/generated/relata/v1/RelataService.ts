// Original file: proto/relata/v1/relata_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuditReportRequest as _relata_v1_AuditReportRequest, AuditReportRequest__Output as _relata_v1_AuditReportRequest__Output } from '../../relata/v1/AuditReportRequest.js';
import type { AuditReportResponse as _relata_v1_AuditReportResponse, AuditReportResponse__Output as _relata_v1_AuditReportResponse__Output } from '../../relata/v1/AuditReportResponse.js';
import type { ListObjectsPageRequest as _relata_v1_ListObjectsPageRequest, ListObjectsPageRequest__Output as _relata_v1_ListObjectsPageRequest__Output } from '../../relata/v1/ListObjectsPageRequest.js';
import type { ListObjectsPageResponse as _relata_v1_ListObjectsPageResponse, ListObjectsPageResponse__Output as _relata_v1_ListObjectsPageResponse__Output } from '../../relata/v1/ListObjectsPageResponse.js';
import type { ReadAuditRecordsRequest as _relata_v1_ReadAuditRecordsRequest, ReadAuditRecordsRequest__Output as _relata_v1_ReadAuditRecordsRequest__Output } from '../../relata/v1/ReadAuditRecordsRequest.js';
import type { ReadAuditRecordsResponse as _relata_v1_ReadAuditRecordsResponse, ReadAuditRecordsResponse__Output as _relata_v1_ReadAuditRecordsResponse__Output } from '../../relata/v1/ReadAuditRecordsResponse.js';
import type { VerifyAuditRequest as _relata_v1_VerifyAuditRequest, VerifyAuditRequest__Output as _relata_v1_VerifyAuditRequest__Output } from '../../relata/v1/VerifyAuditRequest.js';
import type { VerifyAuditResponse as _relata_v1_VerifyAuditResponse, VerifyAuditResponse__Output as _relata_v1_VerifyAuditResponse__Output } from '../../relata/v1/VerifyAuditResponse.js';

export interface RelataServiceClient extends grpc.Client {
  AuditReport(argument: _relata_v1_AuditReportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  AuditReport(argument: _relata_v1_AuditReportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  AuditReport(argument: _relata_v1_AuditReportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  AuditReport(argument: _relata_v1_AuditReportRequest, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  auditReport(argument: _relata_v1_AuditReportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  auditReport(argument: _relata_v1_AuditReportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  auditReport(argument: _relata_v1_AuditReportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  auditReport(argument: _relata_v1_AuditReportRequest, callback: grpc.requestCallback<_relata_v1_AuditReportResponse__Output>): grpc.ClientUnaryCall;
  
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  
  ReadAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  readAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  readAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  readAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  readAuditRecords(argument: _relata_v1_ReadAuditRecordsRequest, callback: grpc.requestCallback<_relata_v1_ReadAuditRecordsResponse__Output>): grpc.ClientUnaryCall;
  
  VerifyAudit(argument: _relata_v1_VerifyAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _relata_v1_VerifyAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _relata_v1_VerifyAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  VerifyAudit(argument: _relata_v1_VerifyAuditRequest, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _relata_v1_VerifyAuditRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _relata_v1_VerifyAuditRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _relata_v1_VerifyAuditRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  verifyAudit(argument: _relata_v1_VerifyAuditRequest, callback: grpc.requestCallback<_relata_v1_VerifyAuditResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface RelataServiceHandlers extends grpc.UntypedServiceImplementation {
  AuditReport: grpc.handleUnaryCall<_relata_v1_AuditReportRequest__Output, _relata_v1_AuditReportResponse>;
  
  ListObjectsPage: grpc.handleUnaryCall<_relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse>;
  
  ReadAuditRecords: grpc.handleUnaryCall<_relata_v1_ReadAuditRecordsRequest__Output, _relata_v1_ReadAuditRecordsResponse>;
  
  VerifyAudit: grpc.handleUnaryCall<_relata_v1_VerifyAuditRequest__Output, _relata_v1_VerifyAuditResponse>;
  
}

export interface RelataServiceDefinition extends grpc.ServiceDefinition {
  AuditReport: MethodDefinition<_relata_v1_AuditReportRequest, _relata_v1_AuditReportResponse, _relata_v1_AuditReportRequest__Output, _relata_v1_AuditReportResponse__Output>
  ListObjectsPage: MethodDefinition<_relata_v1_ListObjectsPageRequest, _relata_v1_ListObjectsPageResponse, _relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse__Output>
  ReadAuditRecords: MethodDefinition<_relata_v1_ReadAuditRecordsRequest, _relata_v1_ReadAuditRecordsResponse, _relata_v1_ReadAuditRecordsRequest__Output, _relata_v1_ReadAuditRecordsResponse__Output>
  VerifyAudit: MethodDefinition<_relata_v1_VerifyAuditRequest, _relata_v1_VerifyAuditResponse, _relata_v1_VerifyAuditRequest__Output, _relata_v1_VerifyAuditResponse__Output>
}
