-module(erlang_docker_sup).
-behaviour(supervisor).
-export([start_link/0, init/1]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

init([]) ->
    Discovery = #{id => erlang_docker_cluster, start => {erlang_docker_cluster, start_link, []}},
    {ok, {#{strategy => one_for_one, intensity => 5, period => 10}, [Discovery]}}.
