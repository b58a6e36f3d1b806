// Original file: proto/relata/v1/relata_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ExplainRequest as _relata_v1_ExplainRequest, ExplainRequest__Output as _relata_v1_ExplainRequest__Output } from '../../relata/v1/ExplainRequest.js';
import type { ExplainResponse as _relata_v1_ExplainResponse, ExplainResponse__Output as _relata_v1_ExplainResponse__Output } from '../../relata/v1/ExplainResponse.js';
import type { ListObjectsPageRequest as _relata_v1_ListObjectsPageRequest, ListObjectsPageRequest__Output as _relata_v1_ListObjectsPageRequest__Output } from '../../relata/v1/ListObjectsPageRequest.js';
import type { ListObjectsPageResponse as _relata_v1_ListObjectsPageResponse, ListObjectsPageResponse__Output as _relata_v1_ListObjectsPageResponse__Output } from '../../relata/v1/ListObjectsPageResponse.js';
import type { ListPermissionsRequest as _relata_v1_ListPermissionsRequest, ListPermissionsRequest__Output as _relata_v1_ListPermissionsRequest__Output } from '../../relata/v1/ListPermissionsRequest.js';
import type { ListPermissionsResponse as _relata_v1_ListPermissionsResponse, ListPermissionsResponse__Output as _relata_v1_ListPermissionsResponse__Output } from '../../relata/v1/ListPermissionsResponse.js';
import type { ListRelationsRequest as _relata_v1_ListRelationsRequest, ListRelationsRequest__Output as _relata_v1_ListRelationsRequest__Output } from '../../relata/v1/ListRelationsRequest.js';
import type { ListRelationsResponse as _relata_v1_ListRelationsResponse, ListRelationsResponse__Output as _relata_v1_ListRelationsResponse__Output } from '../../relata/v1/ListRelationsResponse.js';

export interface RelataServiceClient extends grpc.Client {
  Explain(argument: _relata_v1_ExplainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _relata_v1_ExplainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _relata_v1_ExplainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  Explain(argument: _relata_v1_ExplainRequest, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _relata_v1_ExplainRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _relata_v1_ExplainRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _relata_v1_ExplainRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  explain(argument: _relata_v1_ExplainRequest, callback: grpc.requestCallback<_relata_v1_ExplainResponse__Output>): grpc.ClientUnaryCall;
  
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
  
}

export interface RelataServiceHandlers extends grpc.UntypedServiceImplementation {
  Explain: grpc.handleUnaryCall<_relata_v1_ExplainRequest__Output, _relata_v1_ExplainResponse>;
  
  ListObjectsPage: grpc.handleUnaryCall<_relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse>;
  
  ListPermissions: grpc.handleUnaryCall<_relata_v1_ListPermissionsRequest__Output, _relata_v1_ListPermissionsResponse>;
  
  ListRelations: grpc.handleUnaryCall<_relata_v1_ListRelationsRequest__Output, _relata_v1_ListRelationsResponse>;
  
}

export interface RelataServiceDefinition extends grpc.ServiceDefinition {
  Explain: MethodDefinition<_relata_v1_ExplainRequest, _relata_v1_ExplainResponse, _relata_v1_ExplainRequest__Output, _relata_v1_ExplainResponse__Output>
  ListObjectsPage: MethodDefinition<_relata_v1_ListObjectsPageRequest, _relata_v1_ListObjectsPageResponse, _relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse__Output>
  ListPermissions: MethodDefinition<_relata_v1_ListPermissionsRequest, _relata_v1_ListPermissionsResponse, _relata_v1_ListPermissionsRequest__Output, _relata_v1_ListPermissionsResponse__Output>
  ListRelations: MethodDefinition<_relata_v1_ListRelationsRequest, _relata_v1_ListRelationsResponse, _relata_v1_ListRelationsRequest__Output, _relata_v1_ListRelationsResponse__Output>
}
