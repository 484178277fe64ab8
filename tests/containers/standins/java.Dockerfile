# Stand-in for eclipse-temurin:<version>-jdk-noble / -jre-noble (no registry is reachable): the
# Debian base made by debootstrap (not Ubuntu noble) plus the machine's Temurin JDK 25, whole for
# the -jdk tag, a jlink'd runtime of it (every module, no debug symbols) for the -jre tag; in
# /opt/java/openjdk like the official images.
ARG BASE
# hadolint ignore=DL3006
FROM ${BASE}
COPY runtime/java /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk \
    PATH="/opt/java/openjdk/bin:$PATH"
CMD ["java", "-version"]
