// Original file: proto/relata/v1/relata_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { DeleteTuplesRequest as _relata_v1_DeleteTuplesRequest, DeleteTuplesRequest__Output as _relata_v1_DeleteTuplesRequest__Output } from '../../relata/v1/DeleteTuplesRequest.js';
import type { DeleteTuplesResponse as _relata_v1_DeleteTuplesResponse, DeleteTuplesResponse__Output as _relata_v1_DeleteTuplesResponse__Output } from '../../relata/v1/DeleteTuplesResponse.js';
import type { ListObjectsPageRequest as _relata_v1_ListObjectsPageRequest, ListObjectsPageRequest__Output as _relata_v1_ListObjectsPageRequest__Output } from '../../relata/v1/ListObjectsPageRequest.js';
import type { ListObjectsPageResponse as _relata_v1_ListObjectsPageResponse, ListObjectsPageResponse__Output as _relata_v1_ListObjectsPageResponse__Output } from '../../relata/v1/ListObjectsPageResponse.js';

export interface RelataServiceClient extends grpc.Client {
  DeleteTuples(argument: _relata_v1_DeleteTuplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteTuples(argument: _relata_v1_DeleteTuplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteTuples(argument: _relata_v1_DeleteTuplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  DeleteTuples(argument: _relata_v1_DeleteTuplesRequest, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  deleteTuples(argument: _relata_v1_DeleteTuplesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  deleteTuples(argument: _relata_v1_DeleteTuplesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  deleteTuples(argument: _relata_v1_DeleteTuplesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  deleteTuples(argument: _relata_v1_DeleteTuplesRequest, callback: grpc.requestCallback<_relata_v1_DeleteTuplesResponse__Output>): grpc.ClientUnaryCall;
  
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  ListObjectsPage(argument: _relata_v1_ListObjectsPageRequest, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  listObjectsPage(argument: _relata_v1_ListObjectsPageRequest, callback: grpc.requestCallback<_relata_v1_ListObjectsPageResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface RelataServiceHandlers extends grpc.UntypedServiceImplementation {
  DeleteTuples: grpc.handleUnaryCall<_relata_v1_DeleteTuplesRequest__Output, _relata_v1_DeleteTuplesResponse>;
  
  ListObjectsPage: grpc.handleUnaryCall<_relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse>;
  
}

export interface RelataServiceDefinition extends grpc.ServiceDefinition {
  DeleteTuples: MethodDefinition<_relata_v1_DeleteTuplesRequest, _relata_v1_DeleteTuplesResponse, _relata_v1_DeleteTuplesRequest__Output, _relata_v1_DeleteTuplesResponse__Output>
  ListObjectsPage: MethodDefinition<_relata_v1_ListObjectsPageRequest, _relata_v1_ListObjectsPageResponse, _relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse__Output>
}
