#!/bin/sh
# /work/application in the JVM image: the same command line as the native executable at that path in the native
# image, so compose.yml's healthcheck (/work/application healthcheck) works with either image.
#   /work/application               the service, started from the AOT cache trained when the image was built
#   /work/application healthcheck   asks the running service (io.github.authentikprovisioner.launch.HealthCheck)
set -eu
cd /work
if [ "$#" -eq 1 ] && [ "$1" = healthcheck ]; then
    # JDK classes only, so the application jar alone on the class path and a small JVM that exits within a second
    exec java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx16m -XX:-UsePerfData \
        -cp '/work/app/*' io.github.authentikprovisioner.launch.Main healthcheck
fi
# JAVA_OPTS split into words on purpose; the AOT cache was trained with the same options (Dockerfile.jvm)
# shellcheck disable=SC2086
exec java $JAVA_OPTS -XX:AOTCache=/work/app.aot -jar /work/quarkus-run.jar "$@"
