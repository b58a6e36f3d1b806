// Original file: proto/relata/v1/relata_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthzenActions as _relata_v1_AuthzenActions, AuthzenActions__Output as _relata_v1_AuthzenActions__Output } from '../../relata/v1/AuthzenActions.js';
import type { ListObjectsPageRequest as _relata_v1_ListObjectsPageRequest, ListObjectsPageRequest__Output as _relata_v1_ListObjectsPageRequest__Output } from '../../relata/v1/ListObjectsPageRequest.js';
import type { ListObjectsPageResponse as _relata_v1_ListObjectsPageResponse, ListObjectsPageResponse__Output as _relata_v1_ListObjectsPageResponse__Output } from '../../relata/v1/ListObjectsPageResponse.js';
import type { ReadAuthzenActionsRequest as _relata_v1_ReadAuthzenActionsRequest, ReadAuthzenActionsRequest__Output as _relata_v1_ReadAuthzenActionsRequest__Output } from '../../relata/v1/ReadAuthzenActionsRequest.js';
import type { WriteAuthzenActionsRequest as _relata_v1_WriteAuthzenActionsRequest, WriteAuthzenActionsRequest__Output as _relata_v1_WriteAuthzenActionsRequest__Output } from '../../relata/v1/WriteAuthzenActionsRequest.js';

export interface RelataServiceClient extends grpc.Client {
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  
  WriteAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  WriteAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  WriteAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  WriteAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  writeAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  writeAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  writeAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  writeAuthzenActions(argument: _relata_v1_WriteAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  
}

export interface RelataServiceHandlers extends grpc.UntypedServiceImplementation {
  ListObjectsPage: grpc.handleUnaryCall<_relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse>;
  
  ReadAuthzenActions: grpc.handleUnaryCall<_relata_v1_ReadAuthzenActionsRequest__Output, _relata_v1_AuthzenActions>;
  
  WriteAuthzenActions: grpc.handleUnaryCall<_relata_v1_WriteAuthzenActionsRequest__Output, _relata_v1_AuthzenActions>;
  
}

export interface RelataServiceDefinition extends grpc.ServiceDefinition {
  ListObjectsPage: MethodDefinition<_relata_v1_ListObjectsPageRequest, _relata_v1_ListObjectsPageResponse, _relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse__Output>
  ReadAuthzenActions: MethodDefinition<_relata_v1_ReadAuthzenActionsRequest, _relata_v1_AuthzenActions, _relata_v1_ReadAuthzenActionsRequest__Output, _relata_v1_AuthzenActions__Output>
  WriteAuthzenActions: MethodDefinition<_relata_v1_WriteAuthzenActionsRequest, _relata_v1_AuthzenActions, _relata_v1_WriteAuthzenActionsRequest__Output, _relata_v1_AuthzenActions__Output>
}
