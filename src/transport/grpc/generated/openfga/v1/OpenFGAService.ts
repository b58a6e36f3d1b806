// Original file: proto/openfga/v1/openfga_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { BatchCheckRequest as _openfga_v1_BatchCheckRequest, BatchCheckRequest__Output as _openfga_v1_BatchCheckRequest__Output } from '../../openfga/v1/BatchCheckRequest.js';
import type { BatchCheckResponse as _openfga_v1_BatchCheckResponse, BatchCheckResponse__Output as _openfga_v1_BatchCheckResponse__Output } from '../../openfga/v1/BatchCheckResponse.js';
import type { CheckRequest as _openfga_v1_CheckRequest, CheckRequest__Output as _openfga_v1_CheckRequest__Output } from '../../openfga/v1/CheckRequest.js';
import type { CheckResponse as _openfga_v1_CheckResponse, CheckResponse__Output as _openfga_v1_CheckResponse__Output } from '../../openfga/v1/CheckResponse.js';
import type { CreateStoreRequest as _openfga_v1_CreateStoreRequest, CreateStoreRequest__Output as _openfga_v1_CreateStoreRequest__Output } from '../../openfga/v1/CreateStoreRequest.js';
import type { CreateStoreResponse as _openfga_v1_CreateStoreResponse, CreateStoreResponse__Output as _openfga_v1_CreateStoreResponse__Output } from '../../openfga/v1/CreateStoreResponse.js';
import type { DeleteStoreRequest as _openfga_v1_DeleteStoreRequest, DeleteStoreRequest__Output as _openfga_v1_DeleteStoreRequest__Output } from '../../openfga/v1/DeleteStoreRequest.js';
import type { DeleteStoreResponse as _openfga_v1_DeleteStoreResponse, DeleteStoreResponse__Output as _openfga_v1_DeleteStoreResponse__Output } from '../../openfga/v1/DeleteStoreResponse.js';
import type { ExpandRequest as _openfga_v1_ExpandRequest, ExpandRequest__Output as _openfga_v1_ExpandRequest__Output } from '../../openfga/v1/ExpandRequest.js';
import type { ExpandResponse as _openfga_v1_ExpandResponse, ExpandResponse__Output as _openfga_v1_ExpandResponse__Output } from '../../openfga/v1/ExpandResponse.js';
import type { GetStoreRequest as _openfga_v1_GetStoreRequest, GetStoreRequest__Output as _openfga_v1_GetStoreRequest__Output } from '../../openfga/v1/GetStoreRequest.js';
import type { GetStoreResponse as _openfga_v1_GetStoreResponse, GetStoreResponse__Output as _openfga_v1_GetStoreResponse__Output } from '../../openfga/v1/GetStoreResponse.js';
import type { ListObjectsRequest as _openfga_v1_ListObjectsRequest, ListObjectsRequest__Output as _openfga_v1_ListObjectsRequest__Output } from '../../openfga/v1/ListObjectsRequest.js';
import type { ListObjectsResponse as _openfga_v1_ListObjectsResponse, ListObjectsResponse__Output as _openfga_v1_ListObjectsResponse__Output } from '../../openfga/v1/ListObjectsResponse.js';
import type { ListStoresRequest as _openfga_v1_ListStoresRequest, ListStoresRequest__Output as _openfga_v1_ListStoresRequest__Output } from '../../openfga/v1/ListStoresRequest.js';
import type { ListStoresResponse as _openfga_v1_ListStoresResponse, ListStoresResponse__Output as _openfga_v1_ListStoresResponse__Output } from '../../openfga/v1/ListStoresResponse.js';
import type { ListUsersRequest as _openfga_v1_ListUsersRequest, ListUsersRequest__Output as _openfga_v1_ListUsersRequest__Output } from '../../openfga/v1/ListUsersRequest.js';
import type { ListUsersResponse as _openfga_v1_ListUsersResponse, ListUsersResponse__Output as _openfga_v1_ListUsersResponse__Output } from '../../openfga/v1/ListUsersResponse.js';
import type { ReadAssertionsRequest as _openfga_v1_ReadAssertionsRequest, ReadAssertionsRequest__Output as _openfga_v1_ReadAssertionsRequest__Output } from '../../openfga/v1/ReadAssertionsRequest.js';
import type { ReadAssertionsResponse as _openfga_v1_ReadAssertionsResponse, ReadAssertionsResponse__Output as _openfga_v1_ReadAssertionsResponse__Output } from '../../openfga/v1/ReadAssertionsResponse.js';
import type { ReadAuthorizationModelRequest as _openfga_v1_ReadAuthorizationModelRequest, ReadAuthorizationModelRequest__Output as _openfga_v1_ReadAuthorizationModelRequest__Output } from '../../openfga/v1/ReadAuthorizationModelRequest.js';
import type { ReadAuthorizationModelResponse as _openfga_v1_ReadAuthorizationModelResponse, ReadAuthorizationModelResponse__Output as _openfga_v1_ReadAuthorizationModelResponse__Output } from '../../openfga/v1/ReadAuthorizationModelResponse.js';
import type { ReadAuthorizationModelsRequest as _openfga_v1_ReadAuthorizationModelsRequest, ReadAuthorizationModelsRequest__Output as _openfga_v1_ReadAuthorizationModelsRequest__Output } from '../../openfga/v1/ReadAuthorizationModelsRequest.js';
import type { ReadAuthorizationModelsResponse as _openfga_v1_ReadAuthorizationModelsResponse, ReadAuthorizationModelsResponse__Output as _openfga_v1_ReadAuthorizationModelsResponse__Output } from '../../openfga/v1/ReadAuthorizationModelsResponse.js';
import type { ReadChangesRequest as _openfga_v1_ReadChangesRequest, ReadChangesRequest__Output as _openfga_v1_ReadChangesRequest__Output } from '../../openfga/v1/ReadChangesRequest.js';
import type { ReadChangesResponse as _openfga_v1_ReadChangesResponse, ReadChangesResponse__Output as _openfga_v1_ReadChangesResponse__Output } from '../../openfga/v1/ReadChangesResponse.js';
import type { ReadRequest as _openfga_v1_ReadRequest, ReadRequest__Output as _openfga_v1_ReadRequest__Output } from '../../openfga/v1/ReadRequest.js';
import type { ReadResponse as _openfga_v1_ReadResponse, ReadResponse__Output as _openfga_v1_ReadResponse__Output } from '../../openfga/v1/ReadResponse.js';
import type { StreamedListObjectsRequest as _openfga_v1_StreamedListObjectsRequest, StreamedListObjectsRequest__Output as _openfga_v1_StreamedListObjectsRequest__Output } from '../../openfga/v1/StreamedListObjectsRequest.js';
import type { StreamedListObjectsResponse as _openfga_v1_StreamedListObjectsResponse, StreamedListObjectsResponse__Output as _openfga_v1_StreamedListObjectsResponse__Output } from '../../openfga/v1/StreamedListObjectsResponse.js';
import type { UpdateStoreRequest as _openfga_v1_UpdateStoreRequest, UpdateStoreRequest__Output as _openfga_v1_UpdateStoreRequest__Output } from '../../openfga/v1/UpdateStoreRequest.js';
import type { UpdateStoreResponse as _openfga_v1_UpdateStoreResponse, UpdateStoreResponse__Output as _openfga_v1_UpdateStoreResponse__Output } from '../../openfga/v1/UpdateStoreResponse.js';
import type { WriteAssertionsRequest as _openfga_v1_WriteAssertionsRequest, WriteAssertionsRequest__Output as _openfga_v1_WriteAssertionsRequest__Output } from '../../openfga/v1/WriteAssertionsRequest.js';
import type { WriteAssertionsResponse as _openfga_v1_WriteAssertionsResponse, WriteAssertionsResponse__Output as _openfga_v1_WriteAssertionsResponse__Output } from '../../openfga/v1/WriteAssertionsResponse.js';
import type { WriteAuthorizationModelRequest as _openfga_v1_WriteAuthorizationModelRequest, WriteAuthorizationModelRequest__Output as _openfga_v1_WriteAuthorizationModelRequest__Output } from '../../openfga/v1/WriteAuthorizationModelRequest.js';
import type { WriteAuthorizationModelResponse as _openfga_v1_WriteAuthorizationModelResponse, WriteAuthorizationModelResponse__Output as _openfga_v1_WriteAuthorizationModelResponse__Output } from '../../openfga/v1/WriteAuthorizationModelResponse.js';
import type { WriteRequest as _openfga_v1_WriteRequest, WriteRequest__Output as _openfga_v1_WriteRequest__Output } from '../../openfga/v1/WriteRequest.js';
import type { WriteResponse as _openfga_v1_WriteResponse, WriteResponse__Output as _openfga_v1_WriteResponse__Output } from '../../openfga/v1/WriteResponse.js';

export interface OpenFGAServiceClient extends grpc.Client {
  BatchCheck(argument: _openfga_v1_BatchCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_BatchCheckResponse__Output>): grpc.ClientUnaryCall;
  BatchCheck(argument: _openfga_v1_BatchCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_BatchCheckResponse__Output>): grpc.ClientUnaryCall;
  BatchCheck(argument: _openfga_v1_BatchCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_BatchCheckResponse__Output>): grpc.ClientUnaryCall;
  BatchCheck(argument: _openfga_v1_BatchCheckRequest, callback: grpc.requestCallback<_openfga_v1_BatchCheckResponse__Output>): grpc.ClientUnaryCall;
  batchCheck(argument: _openfga_v1_BatchCheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_BatchCheckResponse__Output>): grpc.ClientUnaryCall;
  batchCheck(argument: _openfga_v1_BatchCheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_BatchCheckResponse__Output>): grpc.ClientUnaryCall;
  batchCheck(argument: _openfga_v1_BatchCheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_BatchCheckResponse__Output>): grpc.ClientUnaryCall;
  batchCheck(argument: _openfga_v1_BatchCheckRequest, callback: grpc.requestCallback<_openfga_v1_BatchCheckResponse__Output>): grpc.ClientUnaryCall;
  
  Check(argument: _openfga_v1_CheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _openfga_v1_CheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _openfga_v1_CheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  Check(argument: _openfga_v1_CheckRequest, callback: grpc.requestCallback<_openfga_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _openfga_v1_CheckRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _openfga_v1_CheckRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _openfga_v1_CheckRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  check(argument: _openfga_v1_CheckRequest, callback: grpc.requestCallback<_openfga_v1_CheckResponse__Output>): grpc.ClientUnaryCall;
  
  CreateStore(argument: _openfga_v1_CreateStoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_CreateStoreResponse__Output>): grpc.ClientUnaryCall;
  CreateStore(argument: _openfga_v1_CreateStoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_CreateStoreResponse__Output>): grpc.ClientUnaryCall;
  CreateStore(argument: _openfga_v1_CreateStoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_CreateStoreResponse__Output>): grpc.ClientUnaryCall;
  CreateStore(argument: _openfga_v1_CreateStoreRequest, callback: grpc.requestCallback<_openfga_v1_CreateStoreResponse__Output>): grpc.ClientUnaryCall;
  createStore(argument: _openfga_v1_CreateStoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_CreateStoreResponse__Output>): grpc.ClientUnaryCall;
  createStore(argument: _openfga_v1_CreateStoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_CreateStoreResponse__Output>): grpc.ClientUnaryCall;
  createStore(argument: _openfga_v1_CreateStoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_CreateStoreResponse__Output>): grpc.ClientUnaryCall;
  createStore(argument: _openfga_v1_CreateStoreRequest, callback: grpc.requestCallback<_openfga_v1_CreateStoreResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteStore(argument: _openfga_v1_DeleteStoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_DeleteStoreResponse__Output>): grpc.ClientUnaryCall;
  DeleteStore(argument: _openfga_v1_DeleteStoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_DeleteStoreResponse__Output>): grpc.ClientUnaryCall;
  DeleteStore(argument: _openfga_v1_DeleteStoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_DeleteStoreResponse__Output>): grpc.ClientUnaryCall;
  DeleteStore(argument: _openfga_v1_DeleteStoreRequest, callback: grpc.requestCallback<_openfga_v1_DeleteStoreResponse__Output>): grpc.ClientUnaryCall;
  deleteStore(argument: _openfga_v1_DeleteStoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_DeleteStoreResponse__Output>): grpc.ClientUnaryCall;
  deleteStore(argument: _openfga_v1_DeleteStoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_DeleteStoreResponse__Output>): grpc.ClientUnaryCall;
  deleteStore(argument: _openfga_v1_DeleteStoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_DeleteStoreResponse__Output>): grpc.ClientUnaryCall;
  deleteStore(argument: _openfga_v1_DeleteStoreRequest, callback: grpc.requestCallback<_openfga_v1_DeleteStoreResponse__Output>): grpc.ClientUnaryCall;
  
  Expand(argument: _openfga_v1_ExpandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ExpandResponse__Output>): grpc.ClientUnaryCall;
  Expand(argument: _openfga_v1_ExpandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ExpandResponse__Output>): grpc.ClientUnaryCall;
  Expand(argument: _openfga_v1_ExpandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ExpandResponse__Output>): grpc.ClientUnaryCall;
  Expand(argument: _openfga_v1_ExpandRequest, callback: grpc.requestCallback<_openfga_v1_ExpandResponse__Output>): grpc.ClientUnaryCall;
  expand(argument: _openfga_v1_ExpandRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ExpandResponse__Output>): grpc.ClientUnaryCall;
  expand(argument: _openfga_v1_ExpandRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ExpandResponse__Output>): grpc.ClientUnaryCall;
  expand(argument: _openfga_v1_ExpandRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ExpandResponse__Output>): grpc.ClientUnaryCall;
  expand(argument: _openfga_v1_ExpandRequest, callback: grpc.requestCallback<_openfga_v1_ExpandResponse__Output>): grpc.ClientUnaryCall;
  
  GetStore(argument: _openfga_v1_GetStoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_GetStoreResponse__Output>): grpc.ClientUnaryCall;
  GetStore(argument: _openfga_v1_GetStoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_GetStoreResponse__Output>): grpc.ClientUnaryCall;
  GetStore(argument: _openfga_v1_GetStoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_GetStoreResponse__Output>): grpc.ClientUnaryCall;
  GetStore(argument: _openfga_v1_GetStoreRequest, callback: grpc.requestCallback<_openfga_v1_GetStoreResponse__Output>): grpc.ClientUnaryCall;
  getStore(argument: _openfga_v1_GetStoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_GetStoreResponse__Output>): grpc.ClientUnaryCall;
  getStore(argument: _openfga_v1_GetStoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_GetStoreResponse__Output>): grpc.ClientUnaryCall;
  getStore(argument: _openfga_v1_GetStoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_GetStoreResponse__Output>): grpc.ClientUnaryCall;
  getStore(argument: _openfga_v1_GetStoreRequest, callback: grpc.requestCallback<_openfga_v1_GetStoreResponse__Output>): grpc.ClientUnaryCall;
  
  ListObjects(argument: _openfga_v1_ListObjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  ListObjects(argument: _openfga_v1_ListObjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  ListObjects(argument: _openfga_v1_ListObjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  ListObjects(argument: _openfga_v1_ListObjectsRequest, callback: grpc.requestCallback<_openfga_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  listObjects(argument: _openfga_v1_ListObjectsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  listObjects(argument: _openfga_v1_ListObjectsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  listObjects(argument: _openfga_v1_ListObjectsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  listObjects(argument: _openfga_v1_ListObjectsRequest, callback: grpc.requestCallback<_openfga_v1_ListObjectsResponse__Output>): grpc.ClientUnaryCall;
  
  ListStores(argument: _openfga_v1_ListStoresRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListStoresResponse__Output>): grpc.ClientUnaryCall;
  ListStores(argument: _openfga_v1_ListStoresRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ListStoresResponse__Output>): grpc.ClientUnaryCall;
  ListStores(argument: _openfga_v1_ListStoresRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListStoresResponse__Output>): grpc.ClientUnaryCall;
  ListStores(argument: _openfga_v1_ListStoresRequest, callback: grpc.requestCallback<_openfga_v1_ListStoresResponse__Output>): grpc.ClientUnaryCall;
  listStores(argument: _openfga_v1_ListStoresRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListStoresResponse__Output>): grpc.ClientUnaryCall;
  listStores(argument: _openfga_v1_ListStoresRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ListStoresResponse__Output>): grpc.ClientUnaryCall;
  listStores(argument: _openfga_v1_ListStoresRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListStoresResponse__Output>): grpc.ClientUnaryCall;
  listStores(argument: _openfga_v1_ListStoresRequest, callback: grpc.requestCallback<_openfga_v1_ListStoresResponse__Output>): grpc.ClientUnaryCall;
  
  ListUsers(argument: _openfga_v1_ListUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _openfga_v1_ListUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _openfga_v1_ListUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  ListUsers(argument: _openfga_v1_ListUsersRequest, callback: grpc.requestCallback<_openfga_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _openfga_v1_ListUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _openfga_v1_ListUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _openfga_v1_ListUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  listUsers(argument: _openfga_v1_ListUsersRequest, callback: grpc.requestCallback<_openfga_v1_ListUsersResponse__Output>): grpc.ClientUnaryCall;
  
  Read(argument: _openfga_v1_ReadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  Read(argument: _openfga_v1_ReadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  Read(argument: _openfga_v1_ReadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  Read(argument: _openfga_v1_ReadRequest, callback: grpc.requestCallback<_openfga_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  read(argument: _openfga_v1_ReadRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  read(argument: _openfga_v1_ReadRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  read(argument: _openfga_v1_ReadRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  read(argument: _openfga_v1_ReadRequest, callback: grpc.requestCallback<_openfga_v1_ReadResponse__Output>): grpc.ClientUnaryCall;
  
  ReadAssertions(argument: _openfga_v1_ReadAssertionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAssertionsResponse__Output>): grpc.ClientUnaryCall;
  ReadAssertions(argument: _openfga_v1_ReadAssertionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadAssertionsResponse__Output>): grpc.ClientUnaryCall;
  ReadAssertions(argument: _openfga_v1_ReadAssertionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAssertionsResponse__Output>): grpc.ClientUnaryCall;
  ReadAssertions(argument: _openfga_v1_ReadAssertionsRequest, callback: grpc.requestCallback<_openfga_v1_ReadAssertionsResponse__Output>): grpc.ClientUnaryCall;
  readAssertions(argument: _openfga_v1_ReadAssertionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAssertionsResponse__Output>): grpc.ClientUnaryCall;
  readAssertions(argument: _openfga_v1_ReadAssertionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadAssertionsResponse__Output>): grpc.ClientUnaryCall;
  readAssertions(argument: _openfga_v1_ReadAssertionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAssertionsResponse__Output>): grpc.ClientUnaryCall;
  readAssertions(argument: _openfga_v1_ReadAssertionsRequest, callback: grpc.requestCallback<_openfga_v1_ReadAssertionsResponse__Output>): grpc.ClientUnaryCall;
  
  ReadAuthorizationModel(argument: _openfga_v1_ReadAuthorizationModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  ReadAuthorizationModel(argument: _openfga_v1_ReadAuthorizationModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  ReadAuthorizationModel(argument: _openfga_v1_ReadAuthorizationModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  ReadAuthorizationModel(argument: _openfga_v1_ReadAuthorizationModelRequest, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  readAuthorizationModel(argument: _openfga_v1_ReadAuthorizationModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  readAuthorizationModel(argument: _openfga_v1_ReadAuthorizationModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  readAuthorizationModel(argument: _openfga_v1_ReadAuthorizationModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  readAuthorizationModel(argument: _openfga_v1_ReadAuthorizationModelRequest, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  
  ReadAuthorizationModels(argument: _openfga_v1_ReadAuthorizationModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuthorizationModels(argument: _openfga_v1_ReadAuthorizationModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuthorizationModels(argument: _openfga_v1_ReadAuthorizationModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelsResponse__Output>): grpc.ClientUnaryCall;
  ReadAuthorizationModels(argument: _openfga_v1_ReadAuthorizationModelsRequest, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelsResponse__Output>): grpc.ClientUnaryCall;
  readAuthorizationModels(argument: _openfga_v1_ReadAuthorizationModelsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelsResponse__Output>): grpc.ClientUnaryCall;
  readAuthorizationModels(argument: _openfga_v1_ReadAuthorizationModelsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelsResponse__Output>): grpc.ClientUnaryCall;
  readAuthorizationModels(argument: _openfga_v1_ReadAuthorizationModelsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelsResponse__Output>): grpc.ClientUnaryCall;
  readAuthorizationModels(argument: _openfga_v1_ReadAuthorizationModelsRequest, callback: grpc.requestCallback<_openfga_v1_ReadAuthorizationModelsResponse__Output>): grpc.ClientUnaryCall;
  
  ReadChanges(argument: _openfga_v1_ReadChangesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadChangesResponse__Output>): grpc.ClientUnaryCall;
  ReadChanges(argument: _openfga_v1_ReadChangesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadChangesResponse__Output>): grpc.ClientUnaryCall;
  ReadChanges(argument: _openfga_v1_ReadChangesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadChangesResponse__Output>): grpc.ClientUnaryCall;
  ReadChanges(argument: _openfga_v1_ReadChangesRequest, callback: grpc.requestCallback<_openfga_v1_ReadChangesResponse__Output>): grpc.ClientUnaryCall;
  readChanges(argument: _openfga_v1_ReadChangesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadChangesResponse__Output>): grpc.ClientUnaryCall;
  readChanges(argument: _openfga_v1_ReadChangesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_ReadChangesResponse__Output>): grpc.ClientUnaryCall;
  readChanges(argument: _openfga_v1_ReadChangesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_ReadChangesResponse__Output>): grpc.ClientUnaryCall;
  readChanges(argument: _openfga_v1_ReadChangesRequest, callback: grpc.requestCallback<_openfga_v1_ReadChangesResponse__Output>): grpc.ClientUnaryCall;
  
  StreamedListObjects(argument: _openfga_v1_StreamedListObjectsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_openfga_v1_StreamedListObjectsResponse__Output>;
  StreamedListObjects(argument: _openfga_v1_StreamedListObjectsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_openfga_v1_StreamedListObjectsResponse__Output>;
  streamedListObjects(argument: _openfga_v1_StreamedListObjectsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_openfga_v1_StreamedListObjectsResponse__Output>;
  streamedListObjects(argument: _openfga_v1_StreamedListObjectsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_openfga_v1_StreamedListObjectsResponse__Output>;
  
  UpdateStore(argument: _openfga_v1_UpdateStoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_UpdateStoreResponse__Output>): grpc.ClientUnaryCall;
  UpdateStore(argument: _openfga_v1_UpdateStoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_UpdateStoreResponse__Output>): grpc.ClientUnaryCall;
  UpdateStore(argument: _openfga_v1_UpdateStoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_UpdateStoreResponse__Output>): grpc.ClientUnaryCall;
  UpdateStore(argument: _openfga_v1_UpdateStoreRequest, callback: grpc.requestCallback<_openfga_v1_UpdateStoreResponse__Output>): grpc.ClientUnaryCall;
  updateStore(argument: _openfga_v1_UpdateStoreRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_UpdateStoreResponse__Output>): grpc.ClientUnaryCall;
  updateStore(argument: _openfga_v1_UpdateStoreRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_UpdateStoreResponse__Output>): grpc.ClientUnaryCall;
  updateStore(argument: _openfga_v1_UpdateStoreRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_UpdateStoreResponse__Output>): grpc.ClientUnaryCall;
  updateStore(argument: _openfga_v1_UpdateStoreRequest, callback: grpc.requestCallback<_openfga_v1_UpdateStoreResponse__Output>): grpc.ClientUnaryCall;
  
  Write(argument: _openfga_v1_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Write(argument: _openfga_v1_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Write(argument: _openfga_v1_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  Write(argument: _openfga_v1_WriteRequest, callback: grpc.requestCallback<_openfga_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  write(argument: _openfga_v1_WriteRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  write(argument: _openfga_v1_WriteRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  write(argument: _openfga_v1_WriteRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  write(argument: _openfga_v1_WriteRequest, callback: grpc.requestCallback<_openfga_v1_WriteResponse__Output>): grpc.ClientUnaryCall;
  
  WriteAssertions(argument: _openfga_v1_WriteAssertionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteAssertionsResponse__Output>): grpc.ClientUnaryCall;
  WriteAssertions(argument: _openfga_v1_WriteAssertionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_WriteAssertionsResponse__Output>): grpc.ClientUnaryCall;
  WriteAssertions(argument: _openfga_v1_WriteAssertionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteAssertionsResponse__Output>): grpc.ClientUnaryCall;
  WriteAssertions(argument: _openfga_v1_WriteAssertionsRequest, callback: grpc.requestCallback<_openfga_v1_WriteAssertionsResponse__Output>): grpc.ClientUnaryCall;
  writeAssertions(argument: _openfga_v1_WriteAssertionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteAssertionsResponse__Output>): grpc.ClientUnaryCall;
  writeAssertions(argument: _openfga_v1_WriteAssertionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_WriteAssertionsResponse__Output>): grpc.ClientUnaryCall;
  writeAssertions(argument: _openfga_v1_WriteAssertionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteAssertionsResponse__Output>): grpc.ClientUnaryCall;
  writeAssertions(argument: _openfga_v1_WriteAssertionsRequest, callback: grpc.requestCallback<_openfga_v1_WriteAssertionsResponse__Output>): grpc.ClientUnaryCall;
  
  WriteAuthorizationModel(argument: _openfga_v1_WriteAuthorizationModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  WriteAuthorizationModel(argument: _openfga_v1_WriteAuthorizationModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_WriteAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  WriteAuthorizationModel(argument: _openfga_v1_WriteAuthorizationModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  WriteAuthorizationModel(argument: _openfga_v1_WriteAuthorizationModelRequest, callback: grpc.requestCallback<_openfga_v1_WriteAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  writeAuthorizationModel(argument: _openfga_v1_WriteAuthorizationModelRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  writeAuthorizationModel(argument: _openfga_v1_WriteAuthorizationModelRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_openfga_v1_WriteAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  writeAuthorizationModel(argument: _openfga_v1_WriteAuthorizationModelRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_openfga_v1_WriteAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  writeAuthorizationModel(argument: _openfga_v1_WriteAuthorizationModelRequest, callback: grpc.requestCallback<_openfga_v1_WriteAuthorizationModelResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface OpenFGAServiceHandlers extends grpc.UntypedServiceImplementation {
  BatchCheck: grpc.handleUnaryCall<_openfga_v1_BatchCheckRequest__Output, _openfga_v1_BatchCheckResponse>;
  
  Check: grpc.handleUnaryCall<_openfga_v1_CheckRequest__Output, _openfga_v1_CheckResponse>;
  
  CreateStore: grpc.handleUnaryCall<_openfga_v1_CreateStoreRequest__Output, _openfga_v1_CreateStoreResponse>;
  
  DeleteStore: grpc.handleUnaryCall<_openfga_v1_DeleteStoreRequest__Output, _openfga_v1_DeleteStoreResponse>;
  
  Expand: grpc.handleUnaryCall<_openfga_v1_ExpandRequest__Output, _openfga_v1_ExpandResponse>;
  
  GetStore: grpc.handleUnaryCall<_openfga_v1_GetStoreRequest__Output, _openfga_v1_GetStoreResponse>;
  
  ListObjects: grpc.handleUnaryCall<_openfga_v1_ListObjectsRequest__Output, _openfga_v1_ListObjectsResponse>;
  
  ListStores: grpc.handleUnaryCall<_openfga_v1_ListStoresRequest__Output, _openfga_v1_ListStoresResponse>;
  
  ListUsers: grpc.handleUnaryCall<_openfga_v1_ListUsersRequest__Output, _openfga_v1_ListUsersResponse>;
  
  Read: grpc.handleUnaryCall<_openfga_v1_ReadRequest__Output, _openfga_v1_ReadResponse>;
  
  ReadAssertions: grpc.handleUnaryCall<_openfga_v1_ReadAssertionsRequest__Output, _openfga_v1_ReadAssertionsResponse>;
  
  ReadAuthorizationModel: grpc.handleUnaryCall<_openfga_v1_ReadAuthorizationModelRequest__Output, _openfga_v1_ReadAuthorizationModelResponse>;
  
  ReadAuthorizationModels: grpc.handleUnaryCall<_openfga_v1_ReadAuthorizationModelsRequest__Output, _openfga_v1_ReadAuthorizationModelsResponse>;
  
  ReadChanges: grpc.handleUnaryCall<_openfga_v1_ReadChangesRequest__Output, _openfga_v1_ReadChangesResponse>;
  
  StreamedListObjects: grpc.handleServerStreamingCall<_openfga_v1_StreamedListObjectsRequest__Output, _openfga_v1_StreamedListObjectsResponse>;
  
  UpdateStore: grpc.handleUnaryCall<_openfga_v1_UpdateStoreRequest__Output, _openfga_v1_UpdateStoreResponse>;
  
  Write: grpc.handleUnaryCall<_openfga_v1_WriteRequest__Output, _openfga_v1_WriteResponse>;
  
  WriteAssertions: grpc.handleUnaryCall<_openfga_v1_WriteAssertionsRequest__Output, _openfga_v1_WriteAssertionsResponse>;
  
  WriteAuthorizationModel: grpc.handleUnaryCall<_openfga_v1_WriteAuthorizationModelRequest__Output, _openfga_v1_WriteAuthorizationModelResponse>;
  
}

export interface OpenFGAServiceDefinition extends grpc.ServiceDefinition {
  BatchCheck: MethodDefinition<_openfga_v1_BatchCheckRequest, _openfga_v1_BatchCheckResponse, _openfga_v1_BatchCheckRequest__Output, _openfga_v1_BatchCheckResponse__Output>
  Check: MethodDefinition<_openfga_v1_CheckRequest, _openfga_v1_CheckResponse, _openfga_v1_CheckRequest__Output, _openfga_v1_CheckResponse__Output>
  CreateStore: MethodDefinition<_openfga_v1_CreateStoreRequest, _openfga_v1_CreateStoreResponse, _openfga_v1_CreateStoreRequest__Output, _openfga_v1_CreateStoreResponse__Output>
  DeleteStore: MethodDefinition<_openfga_v1_DeleteStoreRequest, _openfga_v1_DeleteStoreResponse, _openfga_v1_DeleteStoreRequest__Output, _openfga_v1_DeleteStoreResponse__Output>
  Expand: MethodDefinition<_openfga_v1_ExpandRequest, _openfga_v1_ExpandResponse, _openfga_v1_ExpandRequest__Output, _openfga_v1_ExpandResponse__Output>
  GetStore: MethodDefinition<_openfga_v1_GetStoreRequest, _openfga_v1_GetStoreResponse, _openfga_v1_GetStoreRequest__Output, _openfga_v1_GetStoreResponse__Output>
  ListObjects: MethodDefinition<_openfga_v1_ListObjectsRequest, _openfga_v1_ListObjectsResponse, _openfga_v1_ListObjectsRequest__Output, _openfga_v1_ListObjectsResponse__Output>
  ListStores: MethodDefinition<_openfga_v1_ListStoresRequest, _openfga_v1_ListStoresResponse, _openfga_v1_ListStoresRequest__Output, _openfga_v1_ListStoresResponse__Output>
  ListUsers: MethodDefinition<_openfga_v1_ListUsersRequest, _openfga_v1_ListUsersResponse, _openfga_v1_ListUsersRequest__Output, _openfga_v1_ListUsersResponse__Output>
  Read: MethodDefinition<_openfga_v1_ReadRequest, _openfga_v1_ReadResponse, _openfga_v1_ReadRequest__Output, _openfga_v1_ReadResponse__Output>
  ReadAssertions: MethodDefinition<_openfga_v1_ReadAssertionsRequest, _openfga_v1_ReadAssertionsResponse, _openfga_v1_ReadAssertionsRequest__Output, _openfga_v1_ReadAssertionsResponse__Output>
  ReadAuthorizationModel: MethodDefinition<_openfga_v1_ReadAuthorizationModelRequest, _openfga_v1_ReadAuthorizationModelResponse, _openfga_v1_ReadAuthorizationModelRequest__Output, _openfga_v1_ReadAuthorizationModelResponse__Output>
  ReadAuthorizationModels: MethodDefinition<_openfga_v1_ReadAuthorizationModelsRequest, _openfga_v1_ReadAuthorizationModelsResponse, _openfga_v1_ReadAuthorizationModelsRequest__Output, _openfga_v1_ReadAuthorizationModelsResponse__Output>
  ReadChanges: MethodDefinition<_openfga_v1_ReadChangesRequest, _openfga_v1_ReadChangesResponse, _openfga_v1_ReadChangesRequest__Output, _openfga_v1_ReadChangesResponse__Output>
  StreamedListObjects: MethodDefinition<_openfga_v1_StreamedListObjectsRequest, _openfga_v1_StreamedListObjectsResponse, _openfga_v1_StreamedListObjectsRequest__Output, _openfga_v1_StreamedListObjectsResponse__Output>
  UpdateStore: MethodDefinition<_openfga_v1_UpdateStoreRequest, _openfga_v1_UpdateStoreResponse, _openfga_v1_UpdateStoreRequest__Output, _openfga_v1_UpdateStoreResponse__Output>
  Write: MethodDefinition<_openfga_v1_WriteRequest, _openfga_v1_WriteResponse, _openfga_v1_WriteRequest__Output, _openfga_v1_WriteResponse__Output>
  WriteAssertions: MethodDefinition<_openfga_v1_WriteAssertionsRequest, _openfga_v1_WriteAssertionsResponse, _openfga_v1_WriteAssertionsRequest__Output, _openfga_v1_WriteAssertionsResponse__Output>
  WriteAuthorizationModel: MethodDefinition<_openfga_v1_WriteAuthorizationModelRequest, _openfga_v1_WriteAuthorizationModelResponse, _openfga_v1_WriteAuthorizationModelRequest__Output, _openfga_v1_WriteAuthorizationModelResponse__Output>
}
