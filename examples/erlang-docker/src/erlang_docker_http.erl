%% The reference system's HTTP API on inets httpd:
%%   GET  /ping  -> pong (the probes' path)
%%   POST /node  -> this node's name
%%   POST /rpc   -> asks http://$B_SERVICE_DOMAIN:8080/node (a fresh connection
%%                  each time, so that every request is balanced anew), then
%%                  rpc:call's that node and returns what it computed there.
%%   POST /kv/K  -> writes the body under K in the replicated mnesia table kv
%%   GET  /kv/K  -> the value under K, read from this node's copy
-module(erlang_docker_http).
-export([start/0, do/1, whoami/0]).

-include_lib("inets/include/httpd.hrl").

-define(TIMEOUT_MS, 3000).

start() ->
    {ok, Port} = application:get_env(erlang_docker, http_port),
    inets:start(httpd, [{port, Port}, {bind_address, any}, {server_name, "erlang_docker"},
                        {server_root, "/tmp"}, {document_root, "/tmp"}, {modules, [?MODULE]}]).

%% Runs on the node that the rpc reaches.
whoami() ->
    atom_to_binary(node()).

do(#mod{method = "GET", request_uri = "/ping"}) -> reply(200, <<"pong">>);
do(#mod{method = "POST", request_uri = "/node"}) -> reply(200, whoami());
do(#mod{method = "POST", request_uri = "/rpc"}) -> rpc_b();
do(#mod{method = "POST", request_uri = "/kv/" ++ Key, entity_body = Value}) ->
    ok = erlang_docker_store:put(list_to_binary(Key), list_to_binary(Value)),
    reply(200, <<"ok">>);
do(#mod{method = "GET", request_uri = "/kv/" ++ Key}) ->
    case erlang_docker_store:get(list_to_binary(Key)) of
        {ok, Value} -> reply(200, Value);
        error -> reply(404, <<"no such key">>)
    end;
do(#mod{method = "GET", request_uri = "/status"}) ->
    %% For the e2e check: what this node sees, as JSON.
    Names = fun(Nodes) -> lists:join(",", [[$", atom_to_list(N), $"] || N <- lists:sort(Nodes)]) end,
    {ok, Vsn} = application:get_key(erlang_docker, vsn),
    reply(200, ["{\"node\":\"", atom_to_list(node()), "\",\"vsn\":\"", Vsn, "\",\"boots\":", integer_to_list(erlang_docker_store:boots()),
                ",\"nodes\":[", Names(nodes()), "],\"discovered\":[", Names(erlang_docker_cluster:peers()), "]}"]);
do(_) -> reply(404, <<"not found">>).

rpc_b() ->
    {ok, Domain} = application:get_env(erlang_docker, b_service_domain),
    Url = "http://" ++ Domain ++ ":8080/node",
    Request = {Url, [{"connection", "close"}], "text/plain", <<>>},
    case httpc:request(post, Request, [{timeout, ?TIMEOUT_MS}], [{body_format, binary}]) of
        {ok, {{_, 200, _}, _, Name}} ->
            case rpc:call(binary_to_atom(Name), ?MODULE, whoami, [], ?TIMEOUT_MS) of
                {badrpc, Reason} -> reply(502, io_lib:format("rpc to ~s failed: ~p", [Name, Reason]));
                Answer -> reply(200, Answer)
            end;
        Other ->
            reply(502, io_lib:format("~s: ~p", [Url, Other]))
    end.

reply(Code, Body) ->
    %% httpd wants the body as a flat string.
    {proceed, [{response, {Code, binary_to_list(iolist_to_binary(Body))}}]}.
