// Original file: proto/relata/v1/relata_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ApiClientRequest as _relata_v1_ApiClientRequest, ApiClientRequest__Output as _relata_v1_ApiClientRequest__Output } from '../../relata/v1/ApiClientRequest.js';
import type { ApiClientResponse as _relata_v1_ApiClientResponse, ApiClientResponse__Output as _relata_v1_ApiClientResponse__Output } from '../../relata/v1/ApiClientResponse.js';
import type { AuthzenActions as _relata_v1_AuthzenActions, AuthzenActions__Output as _relata_v1_AuthzenActions__Output } from '../../relata/v1/AuthzenActions.js';
import type { CreateApiClientRequest as _relata_v1_CreateApiClientRequest, CreateApiClientRequest__Output as _relata_v1_CreateApiClientRequest__Output } from '../../relata/v1/CreateApiClientRequest.js';
import type { DeleteApiClientResponse as _relata_v1_DeleteApiClientResponse, DeleteApiClientResponse__Output as _relata_v1_DeleteApiClientResponse__Output } from '../../relata/v1/DeleteApiClientResponse.js';
import type { IssuedApiClientResponse as _relata_v1_IssuedApiClientResponse, IssuedApiClientResponse__Output as _relata_v1_IssuedApiClientResponse__Output } from '../../relata/v1/IssuedApiClientResponse.js';
import type { ListApiClientsRequest as _relata_v1_ListApiClientsRequest, ListApiClientsRequest__Output as _relata_v1_ListApiClientsRequest__Output } from '../../relata/v1/ListApiClientsRequest.js';
import type { ListApiClientsResponse as _relata_v1_ListApiClientsResponse, ListApiClientsResponse__Output as _relata_v1_ListApiClientsResponse__Output } from '../../relata/v1/ListApiClientsResponse.js';
import type { ListObjectsPageRequest as _relata_v1_ListObjectsPageRequest, ListObjectsPageRequest__Output as _relata_v1_ListObjectsPageRequest__Output } from '../../relata/v1/ListObjectsPageRequest.js';
import type { ListObjectsPageResponse as _relata_v1_ListObjectsPageResponse, ListObjectsPageResponse__Output as _relata_v1_ListObjectsPageResponse__Output } from '../../relata/v1/ListObjectsPageResponse.js';
import type { ReadAuthzenActionsRequest as _relata_v1_ReadAuthzenActionsRequest, ReadAuthzenActionsRequest__Output as _relata_v1_ReadAuthzenActionsRequest__Output } from '../../relata/v1/ReadAuthzenActionsRequest.js';
import type { WriteAuthzenActionsRequest as _relata_v1_WriteAuthzenActionsRequest, WriteAuthzenActionsRequest__Output as _relata_v1_WriteAuthzenActionsRequest__Output } from '../../relata/v1/WriteAuthzenActionsRequest.js';

export interface RelataServiceClient extends grpc.Client {
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
  
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  ReadAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  readAuthzenActions(argument: _relata_v1_ReadAuthzenActionsRequest, callback: grpc.requestCallback<_relata_v1_AuthzenActions__Output>): grpc.ClientUnaryCall;
  
  RotateApiClientKey(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  RotateApiClientKey(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  RotateApiClientKey(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  RotateApiClientKey(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  rotateApiClientKey(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  rotateApiClientKey(argument: _relata_v1_ApiClientRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  rotateApiClientKey(argument: _relata_v1_ApiClientRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  rotateApiClientKey(argument: _relata_v1_ApiClientRequest, callback: grpc.requestCallback<_relata_v1_IssuedApiClientResponse__Output>): grpc.ClientUnaryCall;
  
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
  CreateApiClient: grpc.handleUnaryCall<_relata_v1_CreateApiClientRequest__Output, _relata_v1_IssuedApiClientResponse>;
  
  DeleteApiClient: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_DeleteApiClientResponse>;
  
  DisableApiClient: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse>;
  
  EnableApiClient: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse>;
  
  GetApiClient: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse>;
  
  ListApiClients: grpc.handleUnaryCall<_relata_v1_ListApiClientsRequest__Output, _relata_v1_ListApiClientsResponse>;
  
  ListObjectsPage: grpc.handleUnaryCall<_relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse>;
  
  ReadAuthzenActions: grpc.handleUnaryCall<_relata_v1_ReadAuthzenActionsRequest__Output, _relata_v1_AuthzenActions>;
  
  RotateApiClientKey: grpc.handleUnaryCall<_relata_v1_ApiClientRequest__Output, _relata_v1_IssuedApiClientResponse>;
  
  WriteAuthzenActions: grpc.handleUnaryCall<_relata_v1_WriteAuthzenActionsRequest__Output, _relata_v1_AuthzenActions>;
  
}

export interface RelataServiceDefinition extends grpc.ServiceDefinition {
  CreateApiClient: MethodDefinition<_relata_v1_CreateApiClientRequest, _relata_v1_IssuedApiClientResponse, _relata_v1_CreateApiClientRequest__Output, _relata_v1_IssuedApiClientResponse__Output>
  DeleteApiClient: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_DeleteApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_DeleteApiClientResponse__Output>
  DisableApiClient: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_ApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse__Output>
  EnableApiClient: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_ApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse__Output>
  GetApiClient: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_ApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_ApiClientResponse__Output>
  ListApiClients: MethodDefinition<_relata_v1_ListApiClientsRequest, _relata_v1_ListApiClientsResponse, _relata_v1_ListApiClientsRequest__Output, _relata_v1_ListApiClientsResponse__Output>
  ListObjectsPage: MethodDefinition<_relata_v1_ListObjectsPageRequest, _relata_v1_ListObjectsPageResponse, _relata_v1_ListObjectsPageRequest__Output, _relata_v1_ListObjectsPageResponse__Output>
  ReadAuthzenActions: MethodDefinition<_relata_v1_ReadAuthzenActionsRequest, _relata_v1_AuthzenActions, _relata_v1_ReadAuthzenActionsRequest__Output, _relata_v1_AuthzenActions__Output>
  RotateApiClientKey: MethodDefinition<_relata_v1_ApiClientRequest, _relata_v1_IssuedApiClientResponse, _relata_v1_ApiClientRequest__Output, _relata_v1_IssuedApiClientResponse__Output>
  WriteAuthzenActions: MethodDefinition<_relata_v1_WriteAuthzenActionsRequest, _relata_v1_AuthzenActions, _relata_v1_WriteAuthzenActionsRequest__Output, _relata_v1_AuthzenActions__Output>
}
